namespace PolicyLint.Analyzer.Model;

/// <summary>How every output names one direction: as the policy's field, <c>ingress</c> or <c>egress</c>.</summary>
public static class PolicyDirectionText
{
    public static string ToText(this PolicyDirections direction) => direction == PolicyDirections.Egress ? "egress" : "ingress";
}

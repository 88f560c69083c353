using System.Diagnostics;

namespace PolicyLint.Cli.Tests.Completion;

/// <summary>The bash script from `policylint completion bash`, sourced in a real bash, completes as the parser knows.</summary>
public class BashCompletionTests
{
    [Fact]
    public void Bash_completes_a_command_and_an_option_value()
    {
        if (!File.Exists("/bin/bash")) return; // bash is the subject; without it there is nothing to run

        var tool = typeof(PolicyLint.Cli.CliApp).Assembly.Location;
        var dotnet = Environment.ProcessPath!;
        var script = $$"""
            policylint() { "{{dotnet}}" "{{tool}}" "$@"; }
            eval "$(policylint completion bash)"
            complete_line() {
              COMP_LINE="$1"; COMP_POINT=${#COMP_LINE}; read -r -a COMP_WORDS <<< "$1"
              [[ "$1" == *" " ]] && COMP_WORDS+=("")
              COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); _policylint_complete; echo "${COMPREPLY[*]}"
            }
            complete_line "policylint li"
            complete_line "policylint lint --format j"
            complete_line "policylint lint --fail-on "
            """;
        var start = new ProcessStartInfo("/bin/bash") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        using var bash = Process.Start(start)!;
        bash.StandardInput.Write(script);
        bash.StandardInput.Close();
        var output = bash.StandardOutput.ReadToEnd();
        bash.WaitForExit();

        Assert.Equal("lint\njson junit\nerror info never warning\n", output);
    }
}

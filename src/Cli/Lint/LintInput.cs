using System.Collections.Immutable;
using PolicyLint.Analyzer.Core;
using PolicyLint.Analyzer.Manifests;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Cli.Lint;

/// <summary>What the loader made of the paths: the cluster, its diagnostics and the files read.</summary>
public sealed record LintInput(Cluster Cluster, ImmutableArray<Diagnostic> Diagnostics, ImmutableArray<string> Files);

/// <summary>Reads the PATH arguments; <paramref name="stdin"/> serves "-"; <paramref name="profile"/> chooses the name checking.</summary>
public delegate LintInput LintInputLoader(IReadOnlyList<string> paths, TextReader stdin, AnalysisProfile profile);

// The CLI reads relative paths from the process's current directory, which CliRun sets per run;
// that is process-wide, so CLI tests must not run in parallel.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

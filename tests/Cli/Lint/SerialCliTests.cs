// CliRun points the process's current directory at the checkout while a command runs (the
// loader resolves relative PATHs against it), and the current directory is process-wide: two
// CLI tests in parallel would restore it under each other's feet. So this assembly runs its
// tests one at a time; they take seconds.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

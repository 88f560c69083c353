using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace PolicyLint.Analyzer.Manifests;

/// <summary>
/// Parses the input on a second thread while the caller's thread builds the objects parsed so
/// far, so loading uses two cores. Only the hand-over crosses threads: the parsing thread reads
/// every file, document and diagnostic in input order, exactly as a sequential read would, and
/// the caller's thread receives the objects in that same order, so the result is identical
/// (docs/architecture.md, "Loading"). At most <see cref="BatchesAhead"/> batches wait, so a
/// large input is never held in memory whole.
/// </summary>
internal sealed class ReadAhead
{
    private const int BatchSize = 64;
    private const int BatchesAhead = 8;

    /// <summary>Deep but legal nesting recurses in the composer (up to its depth limit): give it the main thread's room.</summary>
    private const int ParserStackBytes = 16 * 1024 * 1024;

    private readonly BlockingCollection<ParsedObject[]> _batches = new(BatchesAhead);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<ParsedObject> _batch = new(BatchSize);

    /// <summary>An object as parsed, with the characters read since the previous one (for the visit budget).</summary>
    public readonly record struct ParsedObject(ManifestObject Manifest, long CharactersRead);

    /// <summary>
    /// Runs <paramref name="parse"/> on a parsing thread and hands each object it posts to
    /// <paramref name="build"/> on this thread, in order. An exception on either side stops
    /// both and is rethrown here.
    /// </summary>
    public static void Run(Action<ReadAhead> parse, Action<ParsedObject> build)
    {
        var ahead = new ReadAhead();
        ExceptionDispatchInfo? failure = null;
        var parser = new Thread(() =>
        {
            try
            {
                parse(ahead);
                ahead.Flush();
            }
            catch (OperationCanceledException) when (ahead._stop.IsCancellationRequested)
            {
                // The building side failed and stopped us; its exception is the one reported.
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                ahead._batches.CompleteAdding();
            }
        }, ParserStackBytes) { IsBackground = true, Name = "policylint manifest parser" };
        parser.Start();
        try
        {
            foreach (var batch in ahead._batches.GetConsumingEnumerable())
            {
                foreach (var parsed in batch) build(parsed);
            }
        }
        catch
        {
            ahead._stop.Cancel();
            parser.Join();
            throw;
        }
        parser.Join();
        failure?.Throw();
    }

    /// <summary>Called on the parsing thread for each object, in input order.</summary>
    public void Post(ManifestObject manifest, long charactersRead)
    {
        _batch.Add(new ParsedObject(manifest, charactersRead));
        if (_batch.Count == BatchSize) Flush();
    }

    private void Flush()
    {
        if (_batch.Count == 0) return;
        _batches.Add([.. _batch], _stop.Token);
        _batch.Clear();
    }
}

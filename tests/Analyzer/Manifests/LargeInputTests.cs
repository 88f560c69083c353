using System.Text;
using PolicyLint.Analyzer.Model;

namespace PolicyLint.Analyzer.Tests.Manifests;

/// <summary>A 50 MB kubectl dump loads with memory proportional to the model, not to the text.</summary>
public sealed class LargeInputTests
{
    private const long FileSize = 50L * 1024 * 1024;

    [Fact]
    public void A_50_MB_list_dump_streams_with_bounded_memory()
    {
        var dir = Directory.CreateTempSubdirectory("policylint-large-");
        try
        {
            var path = Path.Combine(dir.FullName, "dump.yaml");
            var pods = WriteKubectlDump(path);
            Assert.True(new FileInfo(path).Length >= FileSize);
            GC.Collect();
            var baseline = GC.GetTotalMemory(forceFullCollection: true);
            long peak;
            LoadedCluster loaded;
            using (var sampler = new PeakMemorySampler())
            {
                loaded = ClusterLoader.Load([path]);
                peak = sampler.Peak;
            }
            Assert.Empty(loaded.Diagnostics);
            Assert.Equal(pods / 100, loaded.Cluster.Workloads.Length);
            Assert.Equal(pods, loaded.Cluster.Workloads.Sum(w => w.Pods.Length));
            var peakAboveBaseline = peak - baseline;
            Assert.True(peakAboveBaseline < 10 * FileSize, $"peak managed memory {peakAboveBaseline / 1048576} MB for a {FileSize / 1048576} MB file");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>kubectl's layout: apiVersion, then items (each with its kind), then kind: List. Returns the pod count.</summary>
    private static int WriteKubectlDump(string path)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.Write("apiVersion: v1\nitems:\n");
        var count = 0;
        var padding = new string('x', 400);
        while (writer.BaseStream.Length < FileSize)
        {
            for (var i = 0; i < 100; i++, count++)
            {
                var owner = count / 100;
                writer.Write($"""
                - apiVersion: v1
                  kind: Pod
                  metadata:
                    name: app-{owner}-{count}
                    namespace: ns-{owner % 7}
                    labels:
                      app: app-{owner}
                      tier: backend
                    annotations:
                      note: "{padding}"
                    ownerReferences:
                    - apiVersion: apps/v1
                      kind: ReplicaSet
                      name: app-{owner}
                      controller: true
                  spec:
                    containers:
                    - name: main
                      ports:
                      - containerPort: 8080
                        name: http
                  status:
                    podIP: 10.{owner % 250}.{i}.{count % 250}

                """);
            }
            writer.Flush();
        }
        writer.Write("kind: List\nmetadata:\n  resourceVersion: \"\"\n");
        return count;
    }

    private sealed class PeakMemorySampler : IDisposable
    {
        private readonly Timer _timer;
        private long _peak;

        public PeakMemorySampler()
        {
            _peak = GC.GetTotalMemory(false);
            _timer = new Timer(_ => Sample(), null, 0, 5);
        }

        public long Peak
        {
            get
            {
                Sample();
                return Interlocked.Read(ref _peak);
            }
        }

        private void Sample()
        {
            var now = GC.GetTotalMemory(false);
            long seen;
            while (now > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen)
            {
            }
        }

        public void Dispose() => _timer.Dispose();
    }
}

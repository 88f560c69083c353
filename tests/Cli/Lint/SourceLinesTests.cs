using PolicyLint.Cli.Lint;

namespace PolicyLint.Cli.Tests.Lint;

public class SourceLinesTests
{
    [Fact]
    public void Reads_lines_forward_and_reopens_for_an_earlier_line_or_another_file()
    {
        var directory = Directory.CreateTempSubdirectory("policylint-lines");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "a.yaml"), "one\r\ntwo\nthree");
            File.WriteAllText(Path.Combine(directory.FullName, "b.yaml"), "uno\n");
            using var lines = new SourceLines(directory.FullName, stdinText: "from stdin\n");

            Assert.Equal("two", lines.Line("a.yaml", 2));
            Assert.Equal("two", lines.Line("a.yaml", 2));
            Assert.Equal("three", lines.Line("a.yaml", 3));
            Assert.Equal("one", lines.Line("a.yaml", 1));
            Assert.Null(lines.Line("a.yaml", 9));
            Assert.Equal("uno", lines.Line("b.yaml", 1));
            Assert.Equal("from stdin", lines.Line("-", 1));
            Assert.Null(lines.Line("missing.yaml", 1));
            Assert.Null(lines.Line("a.yaml", 0));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}

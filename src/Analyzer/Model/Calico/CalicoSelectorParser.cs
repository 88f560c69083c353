using System.Collections.Immutable;

namespace PolicyLint.Analyzer.Model;

/// <summary>The outcome of parsing a selector: the expression, or a problem at a 0-based offset of the text.</summary>
public readonly record struct CalicoSelectorParse(CalicoSelector? Selector, string? Error, int Offset)
{
    public bool Succeeded => Selector is not null;
}

/// <summary>
/// Parses Calico's selector expressions, a small pure recursive-descent parser. Precedence as
/// Calico documents it, from tightest: the match operators, parentheses, <c>!</c>, <c>&amp;&amp;</c>,
/// <c>||</c>. Match operators: <c>all()</c>, <c>global()</c>, <c>has(k)</c>, <c>k == 'v'</c>,
/// <c>k != 'v'</c>, <c>k in {'a','b'}</c>, <c>k not in {...}</c>, <c>k contains 's'</c>,
/// <c>k starts with 's'</c>, <c>k ends with 's'</c>; values in single or double quotes.
/// Label keys are letters, digits and <c>_ . / -</c>.
/// </summary>
public static class CalicoSelectorParser
{
    public static CalicoSelectorParse Parse(string text)
    {
        var parser = new State(text);
        try
        {
            var selector = parser.Or();
            parser.SkipBlanks();
            if (!parser.AtEnd) throw new SyntaxError($"unexpected \"{parser.Rest()}\"", parser.Position);
            return new CalicoSelectorParse(selector, null, 0);
        }
        catch (SyntaxError e)
        {
            return new CalicoSelectorParse(null, e.Message, e.Offset);
        }
    }

    private sealed class SyntaxError(string message, int offset) : Exception(message)
    {
        public int Offset { get; } = offset;
    }

    private sealed class State(string text)
    {
        public int Position { get; private set; }

        public bool AtEnd => Position >= text.Length;

        public string Rest() => text.Length - Position > 20 ? text.Substring(Position, 20) + "..." : text[Position..];

        public void SkipBlanks()
        {
            while (!AtEnd && char.IsWhiteSpace(text[Position])) Position++;
        }

        public CalicoSelector Or()
        {
            var left = And();
            while (Accept("||")) left = new CalicoOr(left, And());
            return left;
        }

        private CalicoSelector And()
        {
            var left = Unary();
            while (Accept("&&")) left = new CalicoAnd(left, Unary());
            return left;
        }

        private CalicoSelector Unary()
        {
            SkipBlanks();
            if (!AtEnd && text[Position] == '!' && !Peek("!="))
            {
                Position++;
                return new CalicoNot(Unary());
            }
            return Primary();
        }

        private CalicoSelector Primary()
        {
            SkipBlanks();
            if (AtEnd) throw new SyntaxError("expected an expression, found the end of the selector", Position);
            if (Accept("("))
            {
                var inner = Or();
                Expect(")");
                return inner;
            }
            var start = Position;
            var key = Key();
            SkipBlanks();
            if (Peek("("))
            {
                Expect("(");
                switch (key)
                {
                    case "all":
                        Expect(")");
                        return CalicoAll.Instance;
                    case "global":
                        Expect(")");
                        return new CalicoGlobal();
                    case "has":
                        SkipBlanks();
                        var label = Key();
                        Expect(")");
                        return new CalicoHas(label);
                    default:
                        throw new SyntaxError($"unknown function \"{key}()\" (expected all(), global() or has(key))", start);
                }
            }
            return Comparison(key);
        }

        private CalicoSelector Comparison(string key)
        {
            SkipBlanks();
            if (Accept("==")) return new CalicoLabelTest(key, CalicoComparison.Equal, [Value()]);
            if (Accept("!=")) return new CalicoLabelTest(key, CalicoComparison.NotEqual, [Value()]);
            var at = Position;
            var word = AtEnd || !IsKeyChar(text[Position]) ? "" : Key();
            switch (word)
            {
                case "in":
                    return new CalicoLabelTest(key, CalicoComparison.In, Set());
                case "not":
                    Word("in");
                    return new CalicoLabelTest(key, CalicoComparison.NotIn, Set());
                case "contains":
                    return new CalicoLabelTest(key, CalicoComparison.Contains, [Value()]);
                case "starts":
                    Word("with");
                    return new CalicoLabelTest(key, CalicoComparison.StartsWith, [Value()]);
                case "ends":
                    Word("with");
                    return new CalicoLabelTest(key, CalicoComparison.EndsWith, [Value()]);
                default:
                    throw new SyntaxError(
                        $"expected an operator after \"{key}\" (==, !=, in, not in, contains, starts with, ends with)", at);
            }
        }

        private ImmutableArray<string> Set()
        {
            Expect("{");
            var values = ImmutableArray.CreateBuilder<string>();
            SkipBlanks();
            if (Accept("}")) return values.ToImmutable();
            do values.Add(Value());
            while (Accept(","));
            Expect("}");
            return values.ToImmutable();
        }

        private string Value()
        {
            SkipBlanks();
            if (AtEnd || (text[Position] != '\'' && text[Position] != '"'))
            {
                throw new SyntaxError("expected a quoted value ('v' or \"v\")", Position);
            }
            var quote = text[Position];
            var start = Position;
            var end = text.IndexOf(quote, Position + 1);
            if (end < 0) throw new SyntaxError("unterminated quoted value", start);
            Position = end + 1;
            return text[(start + 1)..end];
        }

        private string Key()
        {
            SkipBlanks();
            var start = Position;
            while (!AtEnd && IsKeyChar(text[Position])) Position++;
            if (Position == start)
            {
                var found = AtEnd ? "the end of the selector" : $"\"{text[Position]}\"";
                throw new SyntaxError($"expected a label key, found {found}", start);
            }
            return text[start..Position];
        }

        private void Word(string word)
        {
            SkipBlanks();
            var at = Position;
            if (Key() != word) throw new SyntaxError($"expected \"{word}\"", at);
        }

        private static bool IsKeyChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '/' or '-';

        private bool Peek(string token) => string.CompareOrdinal(text, Position, token, 0, token.Length) == 0;

        private bool Accept(string token)
        {
            SkipBlanks();
            if (!Peek(token)) return false;
            Position += token.Length;
            return true;
        }

        private void Expect(string token)
        {
            if (Accept(token)) return;
            var found = AtEnd ? "the end of the selector" : $"\"{Rest()}\"";
            throw new SyntaxError($"expected \"{token}\", found {found}", Position);
        }
    }
}

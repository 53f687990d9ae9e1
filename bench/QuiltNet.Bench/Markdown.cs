using System.Runtime.InteropServices;

namespace QuiltNet.Bench;

/// <summary>Writes a result page with the machine, command and date every checked-in result must carry.</summary>
internal static class Markdown
{
    public static void Write(string? path, string title, string command, IEnumerable<string> body)
    {
        var lines = new List<string>
        {
            $"# {title}",
            "",
            $"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC",
            $"- Machine: {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}, .NET {Environment.Version}",
            $"- Command: `{command}`",
            "",
        };
        lines.AddRange(body);
        string text = string.Join('\n', lines) + "\n";
        Console.Write(text);
        if (path is not null) File.WriteAllText(path, text);
    }

    public static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    public static string Row(params object[] cells) => "| " + string.Join(" | ", cells) + " |";
}

using QuiltNet.Graph;
using QuiltNet.HwCatalog;
using Spectre.Console;

namespace QuiltNet.Cli;

/// <summary>
/// Where a command writes, and the one place that turns failures into a one-line message and an exit
/// code: input problems exit 1, anything unexpected exits 70 — never with a stack trace.
/// </summary>
public sealed class CommandIO(TextWriter output, TextWriter error)
{
    public const int InputError = 1;
    public const int InternalError = 70;

    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>A Spectre console on <see cref="Output"/>; plain and wide when it is not a terminal.</summary>
    public IAnsiConsole Console()
    {
        bool terminal = ReferenceEquals(Output, System.Console.Out) && !System.Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal) console.Profile.Width = 200;
        return console;
    }

    public void Warn(string message) => Error.WriteLine($"warning: {message}");

    /// <summary>Exit code of a run stopped by Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;

    /// <summary>Runs a command's action and turns what escapes it into one line on <see cref="Error"/> and an exit code.</summary>
    /// <param name="action">The command's work.</param>
    /// <param name="cancellation">The command line's Ctrl+C token: a cancellation it caused is reported as such, not as a failure.</param>
    public int Guard(Func<int> action, CancellationToken cancellation = default) =>
        GuardAsync(() => Task.FromResult(action()), cancellation).GetAwaiter().GetResult();

    /// <summary><see cref="Guard"/> for commands that wait on the network.</summary>
    public async Task<int> GuardAsync(Func<Task<int>> action, CancellationToken cancellation = default)
    {
        try
        {
            return await action();
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            Error.WriteLine("error: cancelled; nothing half-written was left (a search journaled in --out carries on with --resume)");
            return Cancelled;
        }
        catch (ArgumentException e) when (ParameterFlags.Of(e.ParamName) is { } flag)
        {
            // Libraries name their parameters; the user knows the flag.
            Error.WriteLine($"error: {flag}: {WithoutParameter(e)}");
            return InputError;
        }
        catch (CatalogException e)
        {
            // One line per problem in a hardware catalog, each with its JSON path.
            foreach (string line in e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                Error.WriteLine($"error: {line.Trim()}");
            return InputError;
        }
        catch (Exception e) when (e is QuiltNetException or IOException or UnauthorizedAccessException)
        {
            // One line even when a message quotes what it could not read (a JSON fragment, a native library's report).
            Error.WriteLine($"error: {string.Join(' ', e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))}");
            return InputError;
        }
        catch (Exception e)
        {
            Error.WriteLine($"error: internal error ({e.GetType().Name}): {e.Message.Split('\n', 2)[0].Trim()}");
            return InternalError;
        }
    }

    /// <summary>The message without the " (Parameter 'x')" that <see cref="ArgumentException.Message"/> appends.</summary>
    private static string WithoutParameter(ArgumentException e)
    {
        string suffix = $" (Parameter '{e.ParamName}')";
        string message = e.Message.Split('\n', 2)[0].Trim();
        return message.EndsWith(suffix, StringComparison.Ordinal) ? message[..^suffix.Length] : message;
    }
}

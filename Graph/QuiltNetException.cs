namespace QuiltNet.Graph;

/// <summary>
/// A problem with the user's input (a file, an option, a model) that the tool reports as one line
/// naming the input and the problem. Anything else that escapes is a bug.
/// </summary>
public class QuiltNetException : Exception
{
    public QuiltNetException(string input, string problem)
        : base($"{input}: {problem}")
    {
        Input = input;
        Problem = problem;
    }

    public QuiltNetException(string input, string problem, Exception inner)
        : base($"{input}: {problem}", inner)
    {
        Input = input;
        Problem = problem;
    }

    /// <summary>The file, option or value at fault.</summary>
    public string Input { get; }

    /// <summary>What is wrong with it, in one line.</summary>
    public string Problem { get; }
}

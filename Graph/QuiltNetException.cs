namespace QuiltNet.Graph;

/// <summary>
/// A problem with the user's input (a file, an option, a model) that the tool reports as one line
/// naming the input and the problem. Anything else that escapes is a bug.
/// </summary>
public class QuiltNetException : Exception
{
    /// <summary>An error with <paramref name="input"/>, described by <paramref name="problem"/>.</summary>
    /// <param name="input">The file, parameter or value at fault.</param>
    /// <param name="problem">What is wrong with it, in one line.</param>
    public QuiltNetException(string input, string problem)
        : base($"{input}: {problem}")
    {
        Input = input;
        Problem = problem;
    }

    /// <summary>An error with <paramref name="input"/>, described by <paramref name="problem"/>, caused by <paramref name="inner"/>.</summary>
    /// <param name="input">The file, parameter or value at fault.</param>
    /// <param name="problem">What is wrong with it, in one line.</param>
    /// <param name="inner">The exception that revealed it.</param>
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

namespace Autoencoders.Cli;

/// <summary>A mistake the user can fix (bad value, missing file); the CLI prints the message and exits with 2.</summary>
public sealed class UserInputException : Exception
{
    /// <summary>Creates the exception with a one-line message saying what is wrong, where, and how to fix it.</summary>
    public UserInputException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public UserInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public UserInputException()
    {
    }
}

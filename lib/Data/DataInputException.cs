namespace Autoencoders.Data;

/// <summary>
/// Data that cannot be used as given: a malformed or missing file, a bad value, a data set that is not
/// available offline. The message is one line saying what is wrong, where (file, row, column) and how to fix it;
/// the CLI prints it and exits with code 2.
/// </summary>
public sealed class DataInputException : Exception
{
    /// <summary>Creates the exception with a one-line message.</summary>
    public DataInputException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a one-line message and its cause.</summary>
    public DataInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public DataInputException()
    {
    }
}

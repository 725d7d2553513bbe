namespace Autoencoders.Data.Download;

/// <summary>How far the download of one file has come.</summary>
/// <param name="FileName">File being downloaded.</param>
/// <param name="BytesReceived">Bytes received so far.</param>
/// <param name="TotalBytes">Size of the whole file in bytes.</param>
public readonly record struct DownloadProgress(string FileName, long BytesReceived, long TotalBytes)
{
    /// <summary>Fraction done, from 0 to 1.</summary>
    public double Fraction => TotalBytes > 0 ? Math.Min(1.0, (double)BytesReceived / TotalBytes) : 0.0;
}

namespace Autoencoders.Tests.Docs;

/// <summary>The rule by which a documentation block's quoted output is found in a command's output.</summary>
public sealed class QuotedOutputTests
{
    private const string Printed = "libtorch threads: 2 (2 cores, none busy)\ntest MSE 0.00925 (PCA: 0.01717)\nSSIM 0.899\nreport: out/report.html\n";

    [Fact]
    public void Quoted_lines_in_order_with_elisions_are_found()
    {
        Assert.Null(QuotedOutput.FirstMissing(["test MSE 0.00925 (PCA: 0.01717)", "…", "report: out/report.html"], Printed));
        Assert.Null(QuotedOutput.FirstMissing(["libtorch threads: … (2 cores, …)", "SSIM 0.899"], Printed));
    }

    [Fact]
    public void A_changed_line_a_line_out_of_order_or_a_wildcard_across_lines_is_reported()
    {
        Assert.Equal("test MSE 0.00931 (PCA: 0.01717)", QuotedOutput.FirstMissing(["test MSE 0.00931 (PCA: 0.01717)"], Printed));
        Assert.Equal("test MSE 0.00925 (PCA: 0.01717)", QuotedOutput.FirstMissing(["SSIM 0.899", "test MSE 0.00925 (PCA: 0.01717)"], Printed));
        Assert.Equal("libtorch … SSIM", QuotedOutput.FirstMissing(["libtorch … SSIM"], Printed));
    }
}

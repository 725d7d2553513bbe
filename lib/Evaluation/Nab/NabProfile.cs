using System.Globalization;
using System.Text.Json;
using Autoencoders.Data;

namespace Autoencoders.Evaluation.Nab;

/// <summary>
/// One of NAB's application profiles: how much a detected window earns and what a missed window and a false
/// detection cost (NAB's <c>config/profiles.json</c>; true negatives earn nothing in NAB's scoring).
/// </summary>
/// <param name="Name">The profile's name, e.g. <c>standard</c>.</param>
/// <param name="TruePositiveWeight">What detecting a window at its very start earns (<c>tpWeight</c>).</param>
/// <param name="FalsePositiveWeight">What a detection far from any window costs (<c>fpWeight</c>).</param>
/// <param name="FalseNegativeWeight">What a window without any detection costs (<c>fnWeight</c>).</param>
public sealed record NabProfile(string Name, double TruePositiveWeight, double FalsePositiveWeight, double FalseNegativeWeight)
{
    /// <summary>NAB's standard profile: tp 1, fp 0.11, fn 1.</summary>
    public static NabProfile Standard { get; } = new("standard", 1.0, 0.11, 1.0);

    /// <summary>NAB's profile that rewards few false positives: tp 1, fp 0.22, fn 1.</summary>
    public static NabProfile RewardLowFalsePositives { get; } = new("reward_low_FP_rate", 1.0, 0.22, 1.0);

    /// <summary>NAB's profile that rewards few false negatives: tp 1, fp 0.11, fn 2.</summary>
    public static NabProfile RewardLowFalseNegatives { get; } = new("reward_low_FN_rate", 1.0, 0.11, 2.0);

    /// <summary>NAB's three profiles, in the order NAB's scoreboard lists them.</summary>
    public static IReadOnlyList<NabProfile> Published { get; } = [Standard, RewardLowFalsePositives, RewardLowFalseNegatives];

    /// <summary>Reads NAB's <c>config/profiles.json</c>: <c>{"standard": {"CostMatrix": {"tpWeight": 1.0, …}}, …}</c>.</summary>
    /// <exception cref="DataInputException">The file is missing, not JSON, or a profile lacks a weight.</exception>
    public static IReadOnlyList<NabProfile> Read(string path)
    {
        using var document = NabJson.Parse(path);
        var profiles = new List<NabProfile>();
        foreach (var profile in document.RootElement.EnumerateObject())
        {
            double Weight(string name) =>
                profile.Value.TryGetProperty("CostMatrix", out var costs) && costs.TryGetProperty(name, out var weight) && weight.ValueKind == JsonValueKind.Number
                    ? weight.GetDouble()
                    : throw new DataInputException($"{path}: the profile '{profile.Name}' has no number CostMatrix.{name}; give tpWeight, fpWeight and fnWeight for every profile, as NAB's config/profiles.json does");
            profiles.Add(new NabProfile(profile.Name, Weight("tpWeight"), Weight("fpWeight"), Weight("fnWeight")));
        }

        return profiles.Count > 0 ? profiles : throw new DataInputException($"{path}: holds no profile; give NAB's config/profiles.json");
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name} (tp {TruePositiveWeight}, fp {FalsePositiveWeight}, fn {FalseNegativeWeight})");
}

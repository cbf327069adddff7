namespace OpenCue.Authoring.Validation.Internal;

/// <summary>Environment variable names.</summary>
internal static class EnvRules
{
    public static void CheckKey(ValidationContext context, Layer? layer, string key)
    {
        if (!CueNames.IsEnvironmentName(key))
        {
            context.Error(ValidationCodes.EnvKey, layer, key,
                "Environment variable names must be letters, digits and '_' and not start with a digit.");
        }
    }
}

namespace OpenCue.Authoring.Internal;

/// <summary>Justifications for API-design rules this library departs from on purpose, written once.</summary>
internal static class ApiDesign
{
    /// <summary>
    /// Why some overload pairs both have optional parameters (RS0026): they take a layer or a layer's
    /// name (a command as arguments or as one line) and mirror PyOutline's keyword arguments
    /// (<c>depend_on(layer, type, propagate, any_frame)</c>). Adding an optional parameter to them later
    /// is still a breaking change; the public API baseline shows it in review.
    /// </summary>
    public const string OptionalArgumentsOfPyOutline =
        "Overloads by layer or layer name mirror PyOutline's keyword arguments; the API baseline guards later changes.";
}

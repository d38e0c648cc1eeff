using System.Reflection;
using System.Text;

namespace Runner.Core.Specs;

/// <summary>
/// How spec records map to YAML: each public init property is a key, named the snake_case of
/// the property, in declaration order. Shared by the binder and the canonical writer so the two
/// can never disagree.
/// </summary>
internal static class SpecKeys
{
    /// <summary>The keys of a spec record, in declaration order (computed properties like Steps are not keys).</summary>
    public static IReadOnlyList<(string Key, PropertyInfo Property)> Of(Type record) =>
        record.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true })
            .OrderBy(p => p.MetadataToken) // declaration order, stated rather than assumed
            .Select(p => (SnakeCase(p.Name), p))
            .ToList();

    /// <summary>DModel -> d_model, PeakLr -> peak_lr, Round0 -> round0, D0 -> d0.</summary>
    public static string SnakeCase(string name)
    {
        var s = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            // A capital starts a word after a lower-case letter or digit, or ends a run of capitals
            // ("DModel": the M starts "model").
            var startsWord = i > 0 && char.IsUpper(c) &&
                (!char.IsUpper(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1])));
            if (startsWord) s.Append('_');
            s.Append(char.ToLowerInvariant(c));
        }
        return s.ToString();
    }

    /// <summary>A nested spec record (bound from a mapping), as opposed to a scalar or a list.</summary>
    public static bool IsRecord(Type type) =>
        type.IsClass && type != typeof(string) && type.GetConstructor(Type.EmptyTypes) is not null;

    /// <summary>T for IReadOnlyList&lt;T&gt;, else null.</summary>
    public static Type? ListElement(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>)
            ? type.GetGenericArguments()[0]
            : null;
}

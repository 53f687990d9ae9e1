namespace QuiltNet.HwCatalog.Loading;

/// <summary>Entries in catalog order, found by name without regard to case.</summary>
internal sealed class NamedList<T>
    where T : class
{
    private readonly Func<T, string> nameOf;
    private readonly Dictionary<string, T> byName;

    private NamedList(IReadOnlyList<T> items, Func<T, string> nameOf)
    {
        Items = items;
        this.nameOf = nameOf;
        byName = items.ToDictionary(nameOf, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<T> Items { get; }

    /// <summary>Later entries replace earlier ones of the same name, in the earlier one's place.</summary>
    public static NamedList<T> Layered(IEnumerable<T> entries, Func<T, string> nameOf)
    {
        var items = new List<T>();
        var places = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries)
        {
            if (places.TryGetValue(nameOf(entry), out var place))
            {
                items[place] = entry;
            }
            else
            {
                places[nameOf(entry)] = items.Count;
                items.Add(entry);
            }
        }

        return new NamedList<T>(items, nameOf);
    }

    public T? Find(string name) => byName.GetValueOrDefault(name);

    /// <summary>One line naming what was asked for and what there is.</summary>
    public string Unknown(string what, string name) =>
        $"unknown {what} '{name}'; known {what}s: {string.Join(", ", Items.Select(nameOf))}";
}

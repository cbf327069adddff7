using System.Threading;
using System.Xml;
using System.Xml.Schema;

namespace OpenCue.LocalCue.Intake;

/// <summary>
/// An <see cref="XmlReader"/> that forwards everything to another reader and checks a
/// <see cref="CancellationToken"/> at every node, so that loading a document
/// (<c>XDocument.Load</c>) stops when its deadline passes instead of holding the thread.
/// </summary>
internal sealed class CancellableXmlReader : XmlReader
{
    private readonly XmlReader _inner;
    private readonly CancellationToken _cancellationToken;

    public CancellableXmlReader(XmlReader inner, CancellationToken cancellationToken)
    {
        _inner = inner;
        _cancellationToken = cancellationToken;
    }

    public override int AttributeCount => _inner.AttributeCount;

    public override string BaseURI => _inner.BaseURI;

    public override int Depth => _inner.Depth;

    public override bool EOF => _inner.EOF;

    public override bool IsEmptyElement => _inner.IsEmptyElement;

    public override bool IsDefault => _inner.IsDefault;

    public override bool HasValue => _inner.HasValue;

    public override bool CanResolveEntity => _inner.CanResolveEntity;

    public override string LocalName => _inner.LocalName;

    public override string Name => _inner.Name;

    public override string NamespaceURI => _inner.NamespaceURI;

    public override XmlNameTable NameTable => _inner.NameTable;

    public override XmlNodeType NodeType => _inner.NodeType;

    public override string Prefix => _inner.Prefix;

    public override char QuoteChar => _inner.QuoteChar;

    public override ReadState ReadState => _inner.ReadState;

    public override XmlReaderSettings? Settings => _inner.Settings;

    public override IXmlSchemaInfo? SchemaInfo => _inner.SchemaInfo;

    public override string Value => _inner.Value;

    public override XmlSpace XmlSpace => _inner.XmlSpace;

    public override string XmlLang => _inner.XmlLang;

    public override string GetAttribute(int i) => _inner.GetAttribute(i);

    public override string? GetAttribute(string name) => _inner.GetAttribute(name);

    public override string? GetAttribute(string name, string? namespaceURI) => _inner.GetAttribute(name, namespaceURI);

    public override string? LookupNamespace(string prefix) => _inner.LookupNamespace(prefix);

    public override void MoveToAttribute(int i) => _inner.MoveToAttribute(i);

    public override bool MoveToAttribute(string name) => _inner.MoveToAttribute(name);

    public override bool MoveToAttribute(string name, string? ns) => _inner.MoveToAttribute(name, ns);

    public override bool MoveToElement() => _inner.MoveToElement();

    public override bool MoveToFirstAttribute() => _inner.MoveToFirstAttribute();

    public override bool MoveToNextAttribute() => _inner.MoveToNextAttribute();

    public override bool Read()
    {
        _cancellationToken.ThrowIfCancellationRequested();
        return _inner.Read();
    }

    public override bool ReadAttributeValue() => _inner.ReadAttributeValue();

    public override void ResolveEntity() => _inner.ResolveEntity();

    public override void Close() => _inner.Close();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}

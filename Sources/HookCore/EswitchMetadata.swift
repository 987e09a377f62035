/// The element a domain's `<metadata>` carries to bind its interfaces to network ports:
///
/// ```xml
/// <metadata>
///   <eswitch:ports xmlns:eswitch="urn:eswitch:libvirt:ports:1">
///     <eswitch:port mac="52:54:00:6d:90:02" id="web-1-eth0"/>
///   </eswitch:ports>
/// </metadata>
/// ```
///
/// Each `port` names the interface by its MAC (libvirt always has one in the XML it passes hooks)
/// and the intent's port id. libvirt keeps namespaced metadata as written, so any prefix works;
/// the namespace URI is what counts.
public enum EswitchMetadata {
    /// The namespace of version 1 of the element.
    public static let namespaceURI = "urn:eswitch:libvirt:ports:1"
    /// Namespaces of other versions start with this, and are refused rather than ignored.
    public static let namespaceFamily = "urn:eswitch:libvirt:ports:"
    /// The container element under `<metadata>`.
    public static let portsElement = "ports"
    /// One mapping.
    public static let portElement = "port"
    /// The attributes of `port`.
    public static let macAttribute = "mac"
    public static let idAttribute = "id"
}

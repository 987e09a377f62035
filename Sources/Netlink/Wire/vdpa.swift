// Constants from /usr/include/linux/vdpa.h, explicit values.

/// The vdpa family's name and version (VDPA_GENL_NAME, VDPA_GENL_VERSION).
public enum VDPA_GENL {
    public static let name = "vdpa"
    public static let version: UInt8 = 1
}

/// vDPA commands (enum vdpa_command), the genlmsghdr `cmd`.
public enum VDPA_CMD {
    public static let mgmtdevNew: UInt8 = 1
    public static let mgmtdevGet: UInt8 = 2
    public static let devNew: UInt8 = 3
    public static let devDel: UInt8 = 4
    public static let devGet: UInt8 = 5
    public static let devConfigGet: UInt8 = 6
    public static let devVstatsGet: UInt8 = 7
}

/// vDPA attributes (enum vdpa_attr). VDPA_ATTR_PAD shares 0 with UNSPEC: the kernel pads 64-bit values with it.
public enum VDPA_ATTR {
    public static let pad: UInt16 = 0
    public static let mgmtdevBusName: UInt16 = 1
    public static let mgmtdevDevName: UInt16 = 2
    public static let mgmtdevSupportedClasses: UInt16 = 3
    public static let devName: UInt16 = 4
    public static let devId: UInt16 = 5
    public static let devVendorId: UInt16 = 6
    public static let devMaxVqs: UInt16 = 7
    public static let devMaxVqSize: UInt16 = 8
    public static let devMinVqSize: UInt16 = 9
    public static let devNetCfgMacaddr: UInt16 = 10
    public static let devNetStatus: UInt16 = 11
    public static let devNetCfgMaxVqp: UInt16 = 12
    public static let devNetCfgMtu: UInt16 = 13
    public static let devNegotiatedFeatures: UInt16 = 14
    public static let devMgmtdevMaxVqs: UInt16 = 15
    public static let devSupportedFeatures: UInt16 = 16
    public static let devQueueIndex: UInt16 = 17
    public static let devVendorAttrName: UInt16 = 18
    public static let devVendorAttrValue: UInt16 = 19
    public static let devFeatures: UInt16 = 20
    public static let vdpaDevSupportedFeatures: UInt16 = 21
}

// Constants from /usr/include/linux/pkt_cls.h (Linux UAPI): the classifier part (flower
// attributes, classifier flags). Explicit values read from the header, never by position.

/// Flower classifier attributes inside TCA_OPTIONS (enum TCA_FLOWER_*).
public enum TCA_FLOWER {
    public static let unspec: UInt16 = 0
    public static let classid: UInt16 = 1
    public static let indev: UInt16 = 2
    public static let act: UInt16 = 3
    public static let keyEthDst: UInt16 = 4
    public static let keyEthDstMask: UInt16 = 5
    public static let keyEthSrc: UInt16 = 6
    public static let keyEthSrcMask: UInt16 = 7
    public static let keyEthType: UInt16 = 8
    public static let keyIPProto: UInt16 = 9
    public static let keyIPv4Src: UInt16 = 10
    public static let keyIPv4SrcMask: UInt16 = 11
    public static let keyIPv4Dst: UInt16 = 12
    public static let keyIPv4DstMask: UInt16 = 13
    public static let keyIPv6Src: UInt16 = 14
    public static let keyIPv6SrcMask: UInt16 = 15
    public static let keyIPv6Dst: UInt16 = 16
    public static let keyIPv6DstMask: UInt16 = 17
    public static let keyTCPSrc: UInt16 = 18
    public static let keyTCPDst: UInt16 = 19
    public static let keyUDPSrc: UInt16 = 20
    public static let keyUDPDst: UInt16 = 21
    public static let flags: UInt16 = 22
    public static let keyVLANID: UInt16 = 23
    public static let keyVLANPrio: UInt16 = 24
    public static let keyVLANEthType: UInt16 = 25
    public static let keyEncKeyID: UInt16 = 26
    public static let keyEncIPv4Src: UInt16 = 27
    public static let keyEncIPv4SrcMask: UInt16 = 28
    public static let keyEncIPv4Dst: UInt16 = 29
    public static let keyEncIPv4DstMask: UInt16 = 30
    public static let keyEncIPv6Src: UInt16 = 31
    public static let keyEncIPv6SrcMask: UInt16 = 32
    public static let keyEncIPv6Dst: UInt16 = 33
    public static let keyEncIPv6DstMask: UInt16 = 34
    public static let keyTCPSrcMask: UInt16 = 35
    public static let keyTCPDstMask: UInt16 = 36
    public static let keyUDPSrcMask: UInt16 = 37
    public static let keyUDPDstMask: UInt16 = 38
    public static let keySCTPSrcMask: UInt16 = 39
    public static let keySCTPDstMask: UInt16 = 40
    public static let keySCTPSrc: UInt16 = 41
    public static let keySCTPDst: UInt16 = 42
    public static let keyEncUDPSrcPort: UInt16 = 43
    public static let keyEncUDPSrcPortMask: UInt16 = 44
    public static let keyEncUDPDstPort: UInt16 = 45
    public static let keyEncUDPDstPortMask: UInt16 = 46
    public static let keyFlags: UInt16 = 47
    public static let keyFlagsMask: UInt16 = 48
    public static let keyICMPv4Code: UInt16 = 49
    public static let keyICMPv4CodeMask: UInt16 = 50
    public static let keyICMPv4Type: UInt16 = 51
    public static let keyICMPv4TypeMask: UInt16 = 52
    public static let keyICMPv6Code: UInt16 = 53
    public static let keyICMPv6CodeMask: UInt16 = 54
    public static let keyICMPv6Type: UInt16 = 55
    public static let keyICMPv6TypeMask: UInt16 = 56
    public static let keyARPSIP: UInt16 = 57
    public static let keyARPSIPMask: UInt16 = 58
    public static let keyARPTIP: UInt16 = 59
    public static let keyARPTIPMask: UInt16 = 60
    public static let keyARPOp: UInt16 = 61
    public static let keyARPOpMask: UInt16 = 62
    public static let keyARPSHA: UInt16 = 63
    public static let keyARPSHAMask: UInt16 = 64
    public static let keyARPTHA: UInt16 = 65
    public static let keyARPTHAMask: UInt16 = 66
    public static let keyMPLSTTL: UInt16 = 67
    public static let keyMPLSBOS: UInt16 = 68
    public static let keyMPLSTC: UInt16 = 69
    public static let keyMPLSLabel: UInt16 = 70
    public static let keyTCPFlags: UInt16 = 71
    public static let keyTCPFlagsMask: UInt16 = 72
    public static let keyIPTOS: UInt16 = 73
    public static let keyIPTOSMask: UInt16 = 74
    public static let keyIPTTL: UInt16 = 75
    public static let keyIPTTLMask: UInt16 = 76
    public static let keyCVLANID: UInt16 = 77
    public static let keyCVLANPrio: UInt16 = 78
    public static let keyCVLANEthType: UInt16 = 79
    public static let keyEncIPTOS: UInt16 = 80
    public static let keyEncIPTOSMask: UInt16 = 81
    public static let keyEncIPTTL: UInt16 = 82
    public static let keyEncIPTTLMask: UInt16 = 83
    public static let keyEncOpts: UInt16 = 84
    public static let keyEncOptsMask: UInt16 = 85
    public static let inHWCount: UInt16 = 86
    public static let keyPortSrcMin: UInt16 = 87
    public static let keyPortSrcMax: UInt16 = 88
    public static let keyPortDstMin: UInt16 = 89
    public static let keyPortDstMax: UInt16 = 90
    public static let keyCTState: UInt16 = 91
    public static let keyCTStateMask: UInt16 = 92
    public static let keyCTZone: UInt16 = 93
    public static let keyCTZoneMask: UInt16 = 94
    public static let keyCTMark: UInt16 = 95
    public static let keyCTMarkMask: UInt16 = 96
    public static let keyCTLabels: UInt16 = 97
    public static let keyCTLabelsMask: UInt16 = 98
    public static let keyMPLSOpts: UInt16 = 99
    public static let keyHash: UInt16 = 100
    public static let keyHashMask: UInt16 = 101
    public static let keyNumOfVLANs: UInt16 = 102
    public static let keyPPPoESID: UInt16 = 103
    public static let keyPPPProto: UInt16 = 104
    public static let keyL2TPv3SID: UInt16 = 105
}

/// Classifier flags in TCA_FLOWER_FLAGS and other classifiers' flag words (TCA_CLS_FLAGS_*).
public enum TCA_CLS_FLAGS {
    /// Don't offload the filter to hardware.
    public static let skipHW: UInt32 = 1 << 0
    /// Don't use the filter in software.
    public static let skipSW: UInt32 = 1 << 1
    /// Set by the kernel: the filter is offloaded to hardware.
    public static let inHW: UInt32 = 1 << 2
    /// Set by the kernel: the filter is not offloaded to hardware.
    public static let notInHW: UInt32 = 1 << 3
    /// Verbose logging of offload failures.
    public static let verbose: UInt32 = 1 << 4
}

/// Connection-tracking state bits of TCA_FLOWER_KEY_CT_STATE (TCA_FLOWER_KEY_CT_FLAGS_*).
public enum TCA_FLOWER_KEY_CT_FLAGS {
    public static let new: UInt16 = 1 << 0
    public static let established: UInt16 = 1 << 1
    public static let related: UInt16 = 1 << 2
    public static let tracked: UInt16 = 1 << 3
    public static let invalid: UInt16 = 1 << 4
    public static let reply: UInt16 = 1 << 5
}

/// Fragment bits of TCA_FLOWER_KEY_FLAGS (TCA_FLOWER_KEY_FLAGS_*).
public enum TCA_FLOWER_KEY_FLAGS {
    public static let isFragment: UInt32 = 1 << 0
    public static let fragIsFirst: UInt32 = 1 << 1
}

/// The largest number of actions in one action list (TCA_ACT_MAX_PRIO).
public let TCA_ACT_MAX_PRIO: UInt16 = 32

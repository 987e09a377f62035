// Constants from /usr/include/linux/devlink.h, explicit values.

/// The devlink family's name and version (DEVLINK_GENL_NAME, DEVLINK_GENL_VERSION).
public enum DEVLINK_GENL {
    public static let name = "devlink"
    public static let version: UInt8 = 1
    /// DEVLINK_GENL_MCGRP_CONFIG_NAME: the multicast group of configuration notifications.
    public static let configGroupName = "config"
}

/// Devlink commands (enum devlink_command), the genlmsghdr `cmd`.
public enum DEVLINK_CMD {
    public static let get: UInt8 = 1
    public static let set: UInt8 = 2
    public static let new: UInt8 = 3
    public static let del: UInt8 = 4
    public static let portGet: UInt8 = 5
    public static let portSet: UInt8 = 6
    public static let portNew: UInt8 = 7
    public static let portDel: UInt8 = 8
    public static let portSplit: UInt8 = 9
    public static let portUnsplit: UInt8 = 10
    public static let sbGet: UInt8 = 11
    public static let sbSet: UInt8 = 12
    public static let sbNew: UInt8 = 13
    public static let sbDel: UInt8 = 14
    public static let sbPoolGet: UInt8 = 15
    public static let sbPoolSet: UInt8 = 16
    public static let sbPoolNew: UInt8 = 17
    public static let sbPoolDel: UInt8 = 18
    public static let sbPortPoolGet: UInt8 = 19
    public static let sbPortPoolSet: UInt8 = 20
    public static let sbPortPoolNew: UInt8 = 21
    public static let sbPortPoolDel: UInt8 = 22
    public static let sbTcPoolBindGet: UInt8 = 23
    public static let sbTcPoolBindSet: UInt8 = 24
    public static let sbTcPoolBindNew: UInt8 = 25
    public static let sbTcPoolBindDel: UInt8 = 26
    public static let sbOccSnapshot: UInt8 = 27
    public static let sbOccMaxClear: UInt8 = 28
    public static let eswitchGet: UInt8 = 29
    public static let eswitchSet: UInt8 = 30
    public static let dpipeTableGet: UInt8 = 31
    public static let dpipeEntriesGet: UInt8 = 32
    public static let dpipeHeadersGet: UInt8 = 33
    public static let dpipeTableCountersSet: UInt8 = 34
    public static let resourceSet: UInt8 = 35
    public static let resourceDump: UInt8 = 36
    public static let reload: UInt8 = 37
    public static let paramGet: UInt8 = 38
    public static let paramSet: UInt8 = 39
    public static let paramNew: UInt8 = 40
    public static let paramDel: UInt8 = 41
    public static let regionGet: UInt8 = 42
    public static let regionSet: UInt8 = 43
    public static let regionNew: UInt8 = 44
    public static let regionDel: UInt8 = 45
    public static let regionRead: UInt8 = 46
    public static let portParamGet: UInt8 = 47
    public static let portParamSet: UInt8 = 48
    public static let portParamNew: UInt8 = 49
    public static let portParamDel: UInt8 = 50
    public static let infoGet: UInt8 = 51
    public static let healthReporterGet: UInt8 = 52
    public static let healthReporterSet: UInt8 = 53
    public static let healthReporterRecover: UInt8 = 54
    public static let healthReporterDiagnose: UInt8 = 55
    public static let healthReporterDumpGet: UInt8 = 56
    public static let healthReporterDumpClear: UInt8 = 57
    public static let flashUpdate: UInt8 = 58
    public static let flashUpdateEnd: UInt8 = 59
    public static let flashUpdateStatus: UInt8 = 60
    public static let trapGet: UInt8 = 61
    public static let trapSet: UInt8 = 62
    public static let trapNew: UInt8 = 63
    public static let trapDel: UInt8 = 64
    public static let trapGroupGet: UInt8 = 65
    public static let trapGroupSet: UInt8 = 66
    public static let trapGroupNew: UInt8 = 67
    public static let trapGroupDel: UInt8 = 68
    public static let trapPolicerGet: UInt8 = 69
    public static let trapPolicerSet: UInt8 = 70
    public static let trapPolicerNew: UInt8 = 71
    public static let trapPolicerDel: UInt8 = 72
    public static let healthReporterTest: UInt8 = 73
    public static let rateGet: UInt8 = 74
    public static let rateSet: UInt8 = 75
    public static let rateNew: UInt8 = 76
    public static let rateDel: UInt8 = 77
    public static let linecardGet: UInt8 = 78
    public static let linecardSet: UInt8 = 79
    public static let linecardNew: UInt8 = 80
    public static let linecardDel: UInt8 = 81
    public static let selftestsGet: UInt8 = 82
    public static let selftestsRun: UInt8 = 83
}

/// Port types (enum devlink_port_type), DEVLINK_ATTR_PORT_TYPE / PORT_DESIRED_TYPE (u16).
public enum DEVLINK_PORT_TYPE {
    public static let notset: UInt16 = 0
    public static let auto: UInt16 = 1
    public static let eth: UInt16 = 2
    public static let ib: UInt16 = 3
}

/// Eswitch modes (enum devlink_eswitch_mode), DEVLINK_ATTR_ESWITCH_MODE (u16).
public enum DEVLINK_ESWITCH_MODE {
    public static let legacy: UInt16 = 0
    public static let switchdev: UInt16 = 1
}

/// Minimum inline header modes (enum devlink_eswitch_inline_mode), DEVLINK_ATTR_ESWITCH_INLINE_MODE (u8).
public enum DEVLINK_ESWITCH_INLINE_MODE {
    public static let none: UInt8 = 0
    public static let link: UInt8 = 1
    public static let network: UInt8 = 2
    public static let transport: UInt8 = 3
}

/// Eswitch encapsulation modes (enum devlink_eswitch_encap_mode), DEVLINK_ATTR_ESWITCH_ENCAP_MODE (u8).
public enum DEVLINK_ESWITCH_ENCAP_MODE {
    public static let none: UInt8 = 0
    public static let basic: UInt8 = 1
}

/// Port flavours (enum devlink_port_flavour), DEVLINK_ATTR_PORT_FLAVOUR (u16).
public enum DEVLINK_PORT_FLAVOUR {
    public static let physical: UInt16 = 0
    public static let cpu: UInt16 = 1
    public static let dsa: UInt16 = 2
    public static let pciPf: UInt16 = 3
    public static let pciVf: UInt16 = 4
    public static let virtual: UInt16 = 5
    public static let unused: UInt16 = 6
    public static let pciSf: UInt16 = 7
}

/// Devlink attributes (enum devlink_attr).
public enum DEVLINK_ATTR {
    public static let busName: UInt16 = 1
    public static let devName: UInt16 = 2
    public static let portIndex: UInt16 = 3
    public static let portType: UInt16 = 4
    public static let portDesiredType: UInt16 = 5
    public static let portNetdevIfindex: UInt16 = 6
    public static let portNetdevName: UInt16 = 7
    public static let portIbdevName: UInt16 = 8
    public static let portSplitCount: UInt16 = 9
    public static let portSplitGroup: UInt16 = 10
    public static let sbIndex: UInt16 = 11
    public static let sbSize: UInt16 = 12
    public static let sbIngressPoolCount: UInt16 = 13
    public static let sbEgressPoolCount: UInt16 = 14
    public static let sbIngressTcCount: UInt16 = 15
    public static let sbEgressTcCount: UInt16 = 16
    public static let sbPoolIndex: UInt16 = 17
    public static let sbPoolType: UInt16 = 18
    public static let sbPoolSize: UInt16 = 19
    public static let sbPoolThresholdType: UInt16 = 20
    public static let sbThreshold: UInt16 = 21
    public static let sbTcIndex: UInt16 = 22
    public static let sbOccCur: UInt16 = 23
    public static let sbOccMax: UInt16 = 24
    public static let eswitchMode: UInt16 = 25
    public static let eswitchInlineMode: UInt16 = 26
    public static let dpipeTables: UInt16 = 27
    public static let dpipeTable: UInt16 = 28
    public static let dpipeTableName: UInt16 = 29
    public static let dpipeTableSize: UInt16 = 30
    public static let dpipeTableMatches: UInt16 = 31
    public static let dpipeTableActions: UInt16 = 32
    public static let dpipeTableCountersEnabled: UInt16 = 33
    public static let dpipeEntries: UInt16 = 34
    public static let dpipeEntry: UInt16 = 35
    public static let dpipeEntryIndex: UInt16 = 36
    public static let dpipeEntryMatchValues: UInt16 = 37
    public static let dpipeEntryActionValues: UInt16 = 38
    public static let dpipeEntryCounter: UInt16 = 39
    public static let dpipeMatch: UInt16 = 40
    public static let dpipeMatchValue: UInt16 = 41
    public static let dpipeMatchType: UInt16 = 42
    public static let dpipeAction: UInt16 = 43
    public static let dpipeActionValue: UInt16 = 44
    public static let dpipeActionType: UInt16 = 45
    public static let dpipeValue: UInt16 = 46
    public static let dpipeValueMask: UInt16 = 47
    public static let dpipeValueMapping: UInt16 = 48
    public static let dpipeHeaders: UInt16 = 49
    public static let dpipeHeader: UInt16 = 50
    public static let dpipeHeaderName: UInt16 = 51
    public static let dpipeHeaderId: UInt16 = 52
    public static let dpipeHeaderFields: UInt16 = 53
    public static let dpipeHeaderGlobal: UInt16 = 54
    public static let dpipeHeaderIndex: UInt16 = 55
    public static let dpipeField: UInt16 = 56
    public static let dpipeFieldName: UInt16 = 57
    public static let dpipeFieldId: UInt16 = 58
    public static let dpipeFieldBitwidth: UInt16 = 59
    public static let dpipeFieldMappingType: UInt16 = 60
    public static let pad: UInt16 = 61
    public static let eswitchEncapMode: UInt16 = 62
    public static let resourceList: UInt16 = 63
    public static let resource: UInt16 = 64
    public static let resourceName: UInt16 = 65
    public static let resourceId: UInt16 = 66
    public static let resourceSize: UInt16 = 67
    public static let resourceSizeNew: UInt16 = 68
    public static let resourceSizeValid: UInt16 = 69
    public static let resourceSizeMin: UInt16 = 70
    public static let resourceSizeMax: UInt16 = 71
    public static let resourceSizeGran: UInt16 = 72
    public static let resourceUnit: UInt16 = 73
    public static let resourceOcc: UInt16 = 74
    public static let dpipeTableResourceId: UInt16 = 75
    public static let dpipeTableResourceUnits: UInt16 = 76
    public static let portFlavour: UInt16 = 77
    public static let portNumber: UInt16 = 78
    public static let portSplitSubportNumber: UInt16 = 79
    public static let param: UInt16 = 80
    public static let paramName: UInt16 = 81
    public static let paramGeneric: UInt16 = 82
    public static let paramType: UInt16 = 83
    public static let paramValuesList: UInt16 = 84
    public static let paramValue: UInt16 = 85
    public static let paramValueData: UInt16 = 86
    public static let paramValueCmode: UInt16 = 87
    public static let regionName: UInt16 = 88
    public static let regionSize: UInt16 = 89
    public static let regionSnapshots: UInt16 = 90
    public static let regionSnapshot: UInt16 = 91
    public static let regionSnapshotId: UInt16 = 92
    public static let regionChunks: UInt16 = 93
    public static let regionChunk: UInt16 = 94
    public static let regionChunkData: UInt16 = 95
    public static let regionChunkAddr: UInt16 = 96
    public static let regionChunkLen: UInt16 = 97
    public static let infoDriverName: UInt16 = 98
    public static let infoSerialNumber: UInt16 = 99
    public static let infoVersionFixed: UInt16 = 100
    public static let infoVersionRunning: UInt16 = 101
    public static let infoVersionStored: UInt16 = 102
    public static let infoVersionName: UInt16 = 103
    public static let infoVersionValue: UInt16 = 104
    public static let sbPoolCellSize: UInt16 = 105
    public static let fmsg: UInt16 = 106
    public static let fmsgObjNestStart: UInt16 = 107
    public static let fmsgPairNestStart: UInt16 = 108
    public static let fmsgArrNestStart: UInt16 = 109
    public static let fmsgNestEnd: UInt16 = 110
    public static let fmsgObjName: UInt16 = 111
    public static let fmsgObjValueType: UInt16 = 112
    public static let fmsgObjValueData: UInt16 = 113
    public static let healthReporter: UInt16 = 114
    public static let healthReporterName: UInt16 = 115
    public static let healthReporterState: UInt16 = 116
    public static let healthReporterErrCount: UInt16 = 117
    public static let healthReporterRecoverCount: UInt16 = 118
    public static let healthReporterDumpTs: UInt16 = 119
    public static let healthReporterGracefulPeriod: UInt16 = 120
    public static let healthReporterAutoRecover: UInt16 = 121
    public static let flashUpdateFileName: UInt16 = 122
    public static let flashUpdateComponent: UInt16 = 123
    public static let flashUpdateStatusMsg: UInt16 = 124
    public static let flashUpdateStatusDone: UInt16 = 125
    public static let flashUpdateStatusTotal: UInt16 = 126
    public static let portPciPfNumber: UInt16 = 127
    public static let portPciVfNumber: UInt16 = 128
    public static let stats: UInt16 = 129
    public static let trapName: UInt16 = 130
    public static let trapAction: UInt16 = 131
    public static let trapType: UInt16 = 132
    public static let trapGeneric: UInt16 = 133
    public static let trapMetadata: UInt16 = 134
    public static let trapGroupName: UInt16 = 135
    public static let reloadFailed: UInt16 = 136
    public static let healthReporterDumpTsNs: UInt16 = 137
    public static let netnsFd: UInt16 = 138
    public static let netnsPid: UInt16 = 139
    public static let netnsId: UInt16 = 140
    public static let healthReporterAutoDump: UInt16 = 141
    public static let trapPolicerId: UInt16 = 142
    public static let trapPolicerRate: UInt16 = 143
    public static let trapPolicerBurst: UInt16 = 144
    public static let portFunction: UInt16 = 145
    public static let infoBoardSerialNumber: UInt16 = 146
    public static let portLanes: UInt16 = 147
    public static let portSplittable: UInt16 = 148
    public static let portExternal: UInt16 = 149
    public static let portControllerNumber: UInt16 = 150
    public static let flashUpdateStatusTimeout: UInt16 = 151
    public static let flashUpdateOverwriteMask: UInt16 = 152
    public static let reloadAction: UInt16 = 153
    public static let reloadActionsPerformed: UInt16 = 154
    public static let reloadLimits: UInt16 = 155
    public static let devStats: UInt16 = 156
    public static let reloadStats: UInt16 = 157
    public static let reloadStatsEntry: UInt16 = 158
    public static let reloadStatsLimit: UInt16 = 159
    public static let reloadStatsValue: UInt16 = 160
    public static let remoteReloadStats: UInt16 = 161
    public static let reloadActionInfo: UInt16 = 162
    public static let reloadActionStats: UInt16 = 163
    public static let portPciSfNumber: UInt16 = 164
    public static let rateType: UInt16 = 165
    public static let rateTxShare: UInt16 = 166
    public static let rateTxMax: UInt16 = 167
    public static let rateNodeName: UInt16 = 168
    public static let rateParentNodeName: UInt16 = 169
    public static let regionMaxSnapshots: UInt16 = 170
    public static let linecardIndex: UInt16 = 171
    public static let linecardState: UInt16 = 172
    public static let linecardType: UInt16 = 173
    public static let linecardSupportedTypes: UInt16 = 174
    public static let nestedDevlink: UInt16 = 175
    public static let selftests: UInt16 = 176
}

/// Attributes nested in DEVLINK_ATTR_PORT_FUNCTION (enum devlink_port_function_attr).
public enum DEVLINK_PORT_FUNCTION_ATTR {
    public static let hwAddr: UInt16 = 1
    public static let state: UInt16 = 2
    public static let opstate: UInt16 = 3
}

/// Port function admin states (enum devlink_port_fn_state).
public enum DEVLINK_PORT_FN_STATE {
    public static let inactive: UInt8 = 0
    public static let active: UInt8 = 1
}

/// Port function operational states (enum devlink_port_fn_opstate).
public enum DEVLINK_PORT_FN_OPSTATE {
    public static let detached: UInt8 = 0
    public static let attached: UInt8 = 1
}

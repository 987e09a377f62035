/// A devlink command (enum devlink_command), the genlmsghdr `cmd` of family "devlink". Values
/// without a name (from a newer kernel) are kept as numbers.
public struct DevlinkCommand: NamedEnumeration {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// DEVLINK_CMD_GET: a device (or, with NLM_F_DUMP, all devices).
    public static let get = DevlinkCommand(rawValue: DEVLINK_CMD.get)
    public static let set = DevlinkCommand(rawValue: DEVLINK_CMD.set)
    /// DEVLINK_CMD_NEW: notification of a new device.
    public static let new = DevlinkCommand(rawValue: DEVLINK_CMD.new)
    /// DEVLINK_CMD_DEL: notification of a removed device.
    public static let del = DevlinkCommand(rawValue: DEVLINK_CMD.del)
    /// DEVLINK_CMD_PORT_GET: a port (or, with NLM_F_DUMP, all ports).
    public static let portGet = DevlinkCommand(rawValue: DEVLINK_CMD.portGet)
    /// DEVLINK_CMD_PORT_SET: change a port (type, function attributes).
    public static let portSet = DevlinkCommand(rawValue: DEVLINK_CMD.portSet)
    /// DEVLINK_CMD_PORT_NEW: add a port (subfunction), also the notification of a new port.
    public static let portNew = DevlinkCommand(rawValue: DEVLINK_CMD.portNew)
    /// DEVLINK_CMD_PORT_DEL: delete a port, also the notification of a removed port.
    public static let portDel = DevlinkCommand(rawValue: DEVLINK_CMD.portDel)
    public static let portSplit = DevlinkCommand(rawValue: DEVLINK_CMD.portSplit)
    public static let portUnsplit = DevlinkCommand(rawValue: DEVLINK_CMD.portUnsplit)
    public static let sbGet = DevlinkCommand(rawValue: DEVLINK_CMD.sbGet)
    public static let sbSet = DevlinkCommand(rawValue: DEVLINK_CMD.sbSet)
    public static let sbNew = DevlinkCommand(rawValue: DEVLINK_CMD.sbNew)
    public static let sbDel = DevlinkCommand(rawValue: DEVLINK_CMD.sbDel)
    public static let sbPoolGet = DevlinkCommand(rawValue: DEVLINK_CMD.sbPoolGet)
    public static let sbPoolSet = DevlinkCommand(rawValue: DEVLINK_CMD.sbPoolSet)
    public static let sbPoolNew = DevlinkCommand(rawValue: DEVLINK_CMD.sbPoolNew)
    public static let sbPoolDel = DevlinkCommand(rawValue: DEVLINK_CMD.sbPoolDel)
    public static let sbPortPoolGet = DevlinkCommand(rawValue: DEVLINK_CMD.sbPortPoolGet)
    public static let sbPortPoolSet = DevlinkCommand(rawValue: DEVLINK_CMD.sbPortPoolSet)
    public static let sbPortPoolNew = DevlinkCommand(rawValue: DEVLINK_CMD.sbPortPoolNew)
    public static let sbPortPoolDel = DevlinkCommand(rawValue: DEVLINK_CMD.sbPortPoolDel)
    public static let sbTcPoolBindGet = DevlinkCommand(rawValue: DEVLINK_CMD.sbTcPoolBindGet)
    public static let sbTcPoolBindSet = DevlinkCommand(rawValue: DEVLINK_CMD.sbTcPoolBindSet)
    public static let sbTcPoolBindNew = DevlinkCommand(rawValue: DEVLINK_CMD.sbTcPoolBindNew)
    public static let sbTcPoolBindDel = DevlinkCommand(rawValue: DEVLINK_CMD.sbTcPoolBindDel)
    public static let sbOccSnapshot = DevlinkCommand(rawValue: DEVLINK_CMD.sbOccSnapshot)
    public static let sbOccMaxClear = DevlinkCommand(rawValue: DEVLINK_CMD.sbOccMaxClear)
    /// DEVLINK_CMD_ESWITCH_GET: the eswitch mode, inline mode and encap mode of a device.
    public static let eswitchGet = DevlinkCommand(rawValue: DEVLINK_CMD.eswitchGet)
    /// DEVLINK_CMD_ESWITCH_SET: change the eswitch mode, inline mode or encap mode of a device.
    public static let eswitchSet = DevlinkCommand(rawValue: DEVLINK_CMD.eswitchSet)
    public static let dpipeTableGet = DevlinkCommand(rawValue: DEVLINK_CMD.dpipeTableGet)
    public static let dpipeEntriesGet = DevlinkCommand(rawValue: DEVLINK_CMD.dpipeEntriesGet)
    public static let dpipeHeadersGet = DevlinkCommand(rawValue: DEVLINK_CMD.dpipeHeadersGet)
    public static let dpipeTableCountersSet = DevlinkCommand(rawValue: DEVLINK_CMD.dpipeTableCountersSet)
    public static let resourceSet = DevlinkCommand(rawValue: DEVLINK_CMD.resourceSet)
    public static let resourceDump = DevlinkCommand(rawValue: DEVLINK_CMD.resourceDump)
    /// DEVLINK_CMD_RELOAD: reload the driver or activate firmware.
    public static let reload = DevlinkCommand(rawValue: DEVLINK_CMD.reload)
    public static let paramGet = DevlinkCommand(rawValue: DEVLINK_CMD.paramGet)
    public static let paramSet = DevlinkCommand(rawValue: DEVLINK_CMD.paramSet)
    public static let paramNew = DevlinkCommand(rawValue: DEVLINK_CMD.paramNew)
    public static let paramDel = DevlinkCommand(rawValue: DEVLINK_CMD.paramDel)
    public static let regionGet = DevlinkCommand(rawValue: DEVLINK_CMD.regionGet)
    public static let regionSet = DevlinkCommand(rawValue: DEVLINK_CMD.regionSet)
    public static let regionNew = DevlinkCommand(rawValue: DEVLINK_CMD.regionNew)
    public static let regionDel = DevlinkCommand(rawValue: DEVLINK_CMD.regionDel)
    public static let regionRead = DevlinkCommand(rawValue: DEVLINK_CMD.regionRead)
    public static let portParamGet = DevlinkCommand(rawValue: DEVLINK_CMD.portParamGet)
    public static let portParamSet = DevlinkCommand(rawValue: DEVLINK_CMD.portParamSet)
    public static let portParamNew = DevlinkCommand(rawValue: DEVLINK_CMD.portParamNew)
    public static let portParamDel = DevlinkCommand(rawValue: DEVLINK_CMD.portParamDel)
    /// DEVLINK_CMD_INFO_GET: driver name, serial number and firmware versions.
    public static let infoGet = DevlinkCommand(rawValue: DEVLINK_CMD.infoGet)
    public static let healthReporterGet = DevlinkCommand(rawValue: DEVLINK_CMD.healthReporterGet)
    public static let healthReporterSet = DevlinkCommand(rawValue: DEVLINK_CMD.healthReporterSet)
    public static let healthReporterRecover = DevlinkCommand(rawValue: DEVLINK_CMD.healthReporterRecover)
    public static let healthReporterDiagnose = DevlinkCommand(rawValue: DEVLINK_CMD.healthReporterDiagnose)
    public static let healthReporterDumpGet = DevlinkCommand(rawValue: DEVLINK_CMD.healthReporterDumpGet)
    public static let healthReporterDumpClear = DevlinkCommand(rawValue: DEVLINK_CMD.healthReporterDumpClear)
    public static let flashUpdate = DevlinkCommand(rawValue: DEVLINK_CMD.flashUpdate)
    public static let flashUpdateEnd = DevlinkCommand(rawValue: DEVLINK_CMD.flashUpdateEnd)
    public static let flashUpdateStatus = DevlinkCommand(rawValue: DEVLINK_CMD.flashUpdateStatus)
    public static let trapGet = DevlinkCommand(rawValue: DEVLINK_CMD.trapGet)
    public static let trapSet = DevlinkCommand(rawValue: DEVLINK_CMD.trapSet)
    public static let trapNew = DevlinkCommand(rawValue: DEVLINK_CMD.trapNew)
    public static let trapDel = DevlinkCommand(rawValue: DEVLINK_CMD.trapDel)
    public static let trapGroupGet = DevlinkCommand(rawValue: DEVLINK_CMD.trapGroupGet)
    public static let trapGroupSet = DevlinkCommand(rawValue: DEVLINK_CMD.trapGroupSet)
    public static let trapGroupNew = DevlinkCommand(rawValue: DEVLINK_CMD.trapGroupNew)
    public static let trapGroupDel = DevlinkCommand(rawValue: DEVLINK_CMD.trapGroupDel)
    public static let trapPolicerGet = DevlinkCommand(rawValue: DEVLINK_CMD.trapPolicerGet)
    public static let trapPolicerSet = DevlinkCommand(rawValue: DEVLINK_CMD.trapPolicerSet)
    public static let trapPolicerNew = DevlinkCommand(rawValue: DEVLINK_CMD.trapPolicerNew)
    public static let trapPolicerDel = DevlinkCommand(rawValue: DEVLINK_CMD.trapPolicerDel)
    public static let healthReporterTest = DevlinkCommand(rawValue: DEVLINK_CMD.healthReporterTest)
    public static let rateGet = DevlinkCommand(rawValue: DEVLINK_CMD.rateGet)
    public static let rateSet = DevlinkCommand(rawValue: DEVLINK_CMD.rateSet)
    public static let rateNew = DevlinkCommand(rawValue: DEVLINK_CMD.rateNew)
    public static let rateDel = DevlinkCommand(rawValue: DEVLINK_CMD.rateDel)
    public static let linecardGet = DevlinkCommand(rawValue: DEVLINK_CMD.linecardGet)
    public static let linecardSet = DevlinkCommand(rawValue: DEVLINK_CMD.linecardSet)
    public static let linecardNew = DevlinkCommand(rawValue: DEVLINK_CMD.linecardNew)
    public static let linecardDel = DevlinkCommand(rawValue: DEVLINK_CMD.linecardDel)
    public static let selftestsGet = DevlinkCommand(rawValue: DEVLINK_CMD.selftestsGet)
    public static let selftestsRun = DevlinkCommand(rawValue: DEVLINK_CMD.selftestsRun)

    /// Words are the header names in lower case ("get", "port_get", "eswitch_set", "info_get"...).
    public static let names: [(String, UInt8)] = [
        ("get", DEVLINK_CMD.get), ("set", DEVLINK_CMD.set), ("new", DEVLINK_CMD.new), ("del", DEVLINK_CMD.del),
        ("port_get", DEVLINK_CMD.portGet), ("port_set", DEVLINK_CMD.portSet), ("port_new", DEVLINK_CMD.portNew),
        ("port_del", DEVLINK_CMD.portDel), ("port_split", DEVLINK_CMD.portSplit),
        ("port_unsplit", DEVLINK_CMD.portUnsplit), ("sb_get", DEVLINK_CMD.sbGet), ("sb_set", DEVLINK_CMD.sbSet),
        ("sb_new", DEVLINK_CMD.sbNew), ("sb_del", DEVLINK_CMD.sbDel), ("sb_pool_get", DEVLINK_CMD.sbPoolGet),
        ("sb_pool_set", DEVLINK_CMD.sbPoolSet), ("sb_pool_new", DEVLINK_CMD.sbPoolNew),
        ("sb_pool_del", DEVLINK_CMD.sbPoolDel), ("sb_port_pool_get", DEVLINK_CMD.sbPortPoolGet),
        ("sb_port_pool_set", DEVLINK_CMD.sbPortPoolSet), ("sb_port_pool_new", DEVLINK_CMD.sbPortPoolNew),
        ("sb_port_pool_del", DEVLINK_CMD.sbPortPoolDel), ("sb_tc_pool_bind_get", DEVLINK_CMD.sbTcPoolBindGet),
        ("sb_tc_pool_bind_set", DEVLINK_CMD.sbTcPoolBindSet), ("sb_tc_pool_bind_new", DEVLINK_CMD.sbTcPoolBindNew),
        ("sb_tc_pool_bind_del", DEVLINK_CMD.sbTcPoolBindDel), ("sb_occ_snapshot", DEVLINK_CMD.sbOccSnapshot),
        ("sb_occ_max_clear", DEVLINK_CMD.sbOccMaxClear), ("eswitch_get", DEVLINK_CMD.eswitchGet),
        ("eswitch_set", DEVLINK_CMD.eswitchSet), ("dpipe_table_get", DEVLINK_CMD.dpipeTableGet),
        ("dpipe_entries_get", DEVLINK_CMD.dpipeEntriesGet), ("dpipe_headers_get", DEVLINK_CMD.dpipeHeadersGet),
        ("dpipe_table_counters_set", DEVLINK_CMD.dpipeTableCountersSet), ("resource_set", DEVLINK_CMD.resourceSet),
        ("resource_dump", DEVLINK_CMD.resourceDump), ("reload", DEVLINK_CMD.reload),
        ("param_get", DEVLINK_CMD.paramGet), ("param_set", DEVLINK_CMD.paramSet), ("param_new", DEVLINK_CMD.paramNew),
        ("param_del", DEVLINK_CMD.paramDel), ("region_get", DEVLINK_CMD.regionGet),
        ("region_set", DEVLINK_CMD.regionSet), ("region_new", DEVLINK_CMD.regionNew),
        ("region_del", DEVLINK_CMD.regionDel), ("region_read", DEVLINK_CMD.regionRead),
        ("port_param_get", DEVLINK_CMD.portParamGet), ("port_param_set", DEVLINK_CMD.portParamSet),
        ("port_param_new", DEVLINK_CMD.portParamNew), ("port_param_del", DEVLINK_CMD.portParamDel),
        ("info_get", DEVLINK_CMD.infoGet), ("health_reporter_get", DEVLINK_CMD.healthReporterGet),
        ("health_reporter_set", DEVLINK_CMD.healthReporterSet),
        ("health_reporter_recover", DEVLINK_CMD.healthReporterRecover),
        ("health_reporter_diagnose", DEVLINK_CMD.healthReporterDiagnose),
        ("health_reporter_dump_get", DEVLINK_CMD.healthReporterDumpGet),
        ("health_reporter_dump_clear", DEVLINK_CMD.healthReporterDumpClear),
        ("flash_update", DEVLINK_CMD.flashUpdate), ("flash_update_end", DEVLINK_CMD.flashUpdateEnd),
        ("flash_update_status", DEVLINK_CMD.flashUpdateStatus), ("trap_get", DEVLINK_CMD.trapGet),
        ("trap_set", DEVLINK_CMD.trapSet), ("trap_new", DEVLINK_CMD.trapNew), ("trap_del", DEVLINK_CMD.trapDel),
        ("trap_group_get", DEVLINK_CMD.trapGroupGet), ("trap_group_set", DEVLINK_CMD.trapGroupSet),
        ("trap_group_new", DEVLINK_CMD.trapGroupNew), ("trap_group_del", DEVLINK_CMD.trapGroupDel),
        ("trap_policer_get", DEVLINK_CMD.trapPolicerGet), ("trap_policer_set", DEVLINK_CMD.trapPolicerSet),
        ("trap_policer_new", DEVLINK_CMD.trapPolicerNew), ("trap_policer_del", DEVLINK_CMD.trapPolicerDel),
        ("health_reporter_test", DEVLINK_CMD.healthReporterTest), ("rate_get", DEVLINK_CMD.rateGet),
        ("rate_set", DEVLINK_CMD.rateSet), ("rate_new", DEVLINK_CMD.rateNew), ("rate_del", DEVLINK_CMD.rateDel),
        ("linecard_get", DEVLINK_CMD.linecardGet), ("linecard_set", DEVLINK_CMD.linecardSet),
        ("linecard_new", DEVLINK_CMD.linecardNew), ("linecard_del", DEVLINK_CMD.linecardDel),
        ("selftests_get", DEVLINK_CMD.selftestsGet), ("selftests_run", DEVLINK_CMD.selftestsRun),
    ]
}

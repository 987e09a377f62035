extension NetworkState {
    /// Every problem in this state, each with its path, section by section in document order;
    /// empty when valid.
    ///
    /// Checks ids (well-formed, unique per kind), references (networks, subnets, nodes, security
    /// groups, QoS policies, routers, ports), VNIs (range, uniqueness), MTUs, VLANs, MACs (unicast,
    /// unique per network), IPs (inside their subnet, not a reserved address, unique per network,
    /// gateways included), overlapping subnets, VTEPs, router interfaces, floating IPs, SNAT
    /// coverage and addresses, security group rules and QoS rates.
    public func validate() -> [ValidationProblem] {
        var validator = IntentValidator(state: self)
        return validator.run()
    }

    /// The state in the form the compiler accepts, or an error listing every problem.
    ///
    /// - Throws: `NetworkStateValidationError` with all problems when the state is invalid.
    public func validated() throws(NetworkStateValidationError) -> ValidatedNetworkState {
        let problems = validate()
        guard problems.isEmpty else { throw NetworkStateValidationError(problems: problems) }
        return ValidatedNetworkState(checked: canonicalized())
    }
}

import ControlAPI
import EswitchCompiler
import EswitchConfig
import EswitchModel
import Foundation

extension Agent {
    /// Validates and applies an intent document: rules are recompiled incrementally (only the
    /// pipelines the change reaches) and the filters changed to match.
    ///
    /// Nothing changes when the document does not parse or validate.
    /// - Returns: the filters added and deleted, and the active rules in hardware and software.
    /// - Throws: ``ControlFailure/Code/invalidIntent`` listing every problem on one line.
    public func applyIntent(_ document: IntentDocument) throws(ControlFailure) -> ApplySummary {
        try requireStarted()
        let loaded = try Self.load(document)
        install(loaded)
        let result = runPass(full: false)
        let placements = reconciler.desired
        var hardware = 0, software = 0
        for rule in Set(placements.plan.filters.map(\.rule)) {
            if placements.placements[rule]?.location.usesHardware == true { hardware += 1 } else { software += 1 }
        }
        logger.info("intent applied", metadata: ["source": "\(document.source)", "added": "\(result.added)", "deleted": "\(result.deleted)"])
        return ApplySummary(rulesAdded: result.added + result.replaced, rulesDeleted: result.deleted,
                            rulesInHardware: hardware, rulesInSoftware: software)
    }

    /// Makes `loaded` the intent: a first intent is compiled in full; later ones through the
    /// incremental compiler, whose delta also says which rules' NIC refusals to forget (a changed
    /// rule is offered to the NIC again).
    func install(_ loaded: LoadedIntent) {
        if var current = compiler, intent != nil {
            let delta = current.update(to: loaded.state)
            for id in delta.removed { reconciler.fallbacks[id] = nil }
            for rule in delta.changed { reconciler.fallbacks[rule.id] = nil }
            compiler = current
        } else {
            compiler = IncrementalCompiler(loaded.state)
        }
        intent = loaded
        resolveUplink()
        replan()
    }

    /// Places the compiled rules for the uplink NIC's profile (placement depends on the whole rule
    /// set, so it is redone after every change of rules or of the uplink NIC).
    func replan() {
        guard let compiler, let state = intent?.state else {
            placement = nil
            return
        }
        guard let profile = uplinkNIC()?.profile ?? configuration.profiles.first(where: \.isSoftwareOnly) else {
            placement = nil
            return
        }
        placement = PlacementPlanner(profile: profile, options: PlacementOptions(backend: .tc, ruleCapacity: configuration.ruleCapacity))
            .plan(compiler.rules, state: state)
    }

    /// Parses and validates an intent document.
    /// - Throws: ``ControlFailure/Code/invalidIntent`` with every problem, `; `-separated.
    static func load(_ document: IntentDocument) throws(ControlFailure) -> LoadedIntent {
        let state: NetworkState
        do throws(NetworkStateDecodingError) {
            switch document.format {
            case .yaml: state = try NetworkState.fromYAML(document.text)
            case .json: state = try NetworkState.fromJSON(document.text)
            }
        } catch {
            throw ControlFailure(.invalidIntent, "\(document.source): " + error.problems.map(\.description).joined(separator: "; "))
        }
        do throws(NetworkStateValidationError) {
            return LoadedIntent(document: document, state: try state.validated())
        } catch {
            throw ControlFailure(.invalidIntent, "\(document.source): " + error.problems.map(\.description).joined(separator: "; "))
        }
    }

    func requireStarted() throws(ControlFailure) {
        guard isStarted else { throw ControlFailure(.unavailable, "the agent has not finished starting") }
    }
}

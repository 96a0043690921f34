import Ferrite

/// A sensor group owns its probes (`Rc`); each probe points back at its
/// group with a `Weak`, so the tree has no cycle and frees itself.
struct SensorGroup: ~Copyable {
    let id: Int
    let first: RefCell<Rc<Probe>?>
    let second: RefCell<Rc<Probe>?>
}

struct Probe: ~Copyable {
    let id: Int
    let group: RefCell<Weak<SensorGroup>?>
}

func checkSensorTree(_ checks: inout Checks) {
    let probe = Rc(Probe(id: 7, group: RefCell(nil)))
    do {
        let group = Rc(SensorGroup(id: 1, first: RefCell(probe.clone()),
                                   second: RefCell(Rc(Probe(id: 8, group: RefCell(nil))))))
        probe.value.group.withMutableBorrow { $0 = group.downgrade() }
        let parent = probe.value.group.withBorrow { link in link?.upgrade()?.value.id }
        checks.expect(parent ?? -1, equals: 1, "a probe's Weak parent upgrades to its group")
        checks.expect(probe.strongCount, equals: 2, "the probe: held here and by its group")
        checks.expect(group.strongCount, equals: 1, "the group: one owner (the parent link is weak)")
        checks.expect(group.weakCount, equals: 1, "the group: one weak link")
    }
    let parentAfter = probe.value.group.withBorrow { link in link?.upgrade()?.value.id }
    checks.expect(parentAfter ?? -1, equals: -1, "once the group is gone its probe's parent upgrades to nil")
    checks.expect(probe.strongCount, equals: 1, "the group released its probe")
    Console.write("tree: a group of 2 probes with Weak parents, freed with its last owner\n")
}

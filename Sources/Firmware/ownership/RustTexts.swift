import Ferrite

// The programs of the Rust memory-model texts (../shared/rust-memory-model/),
// with Ferrite's types. This one file is built into the `ownership` firmware
// image, which prints what happens, and into the hosted tests (through a
// symbolic link in Tests/FerriteTests/Ownership), which check it.

/// Reports the heap: bytes in use and live blocks (firmware: the runtime
/// heap; tests: an arena).
typealias HeapProbe = () -> (bytes: Int, blocks: Int)

/// Where the examples send their narration (firmware: the console; tests: nowhere).
typealias Narrator = (String) -> Void

// MARK: 1. The cons list `1 -> 2 -> 3 -> Nil` (a recursive type needs a box)

enum ConsList: ~Copyable {
    case cons(ConsCell)
    case `nil`

    /// `Cons(1, Box(Cons(2, Box(Cons(3, Box(Nil))))))`.
    func rendered() -> String {
        switch self {
        case .cons(let cell): "Cons(\(cell.value), Box(\(cell.next.withValue { $0.rendered() })))"
        case .nil: "Nil"
        }
    }

    func sum() -> Int {
        switch self {
        case .cons(let cell): cell.value + cell.next.withValue { $0.sum() }
        case .nil: 0
        }
    }

    /// Rust's `Cons(value, Box::new(next))`.
    static func cons(_ value: Int, _ next: consuming UniqueBox<ConsList>) -> ConsList {
        .cons(ConsCell(value: value, next: next))
    }
}

/// The payload of a `Cons` (one struct: Swift 6.3 miscompiles a borrowing
/// switch that binds a noncopyable payload next to another one).
struct ConsCell: ~Copyable {
    let value: Int
    let next: UniqueBox<ConsList>
}

func consListExample(_ say: Narrator, _ probe: HeapProbe) -> (rendered: String, sum: Int, boxes: Int) {
    let before = probe().blocks
    let list = ConsList.cons(1, UniqueBox(.cons(2, UniqueBox(.cons(3, UniqueBox(.nil))))))
    let boxes = probe().blocks - before
    let rendered = list.rendered(), sum = list.sum()
    say("   list = \(rendered); sum \(sum); \(boxes) boxes on the heap")
    return (rendered, sum, boxes)
}

// MARK: 2. A large array on the heap instead of the stack

/// Rust's `Box::new([7u32; N])` with the last element set to 9: N is 4096
/// (16 KiB) when `byteBudget` allows it, else the largest of 2048, 1024 and
/// 512 that fits (a board with a small heap passes a quarter of it).
func largeArrayExample(_ say: Narrator, _ probe: HeapProbe, byteBudget: Int = 16384)
    -> (bytesTaken: Int, bytesAfter: Int, checksum: Int, arrayBytes: Int) {
    if byteBudget >= 16384 { return boxedArrayExample(InlineArray<4096, UInt32>.self, say, probe) }
    if byteBudget >= 8192 { return boxedArrayExample(InlineArray<2048, UInt32>.self, say, probe) }
    if byteBudget >= 4096 { return boxedArrayExample(InlineArray<1024, UInt32>.self, say, probe) }
    return boxedArrayExample(InlineArray<512, UInt32>.self, say, probe)
}

/// The example for one array size: `count` words in a `UniqueBox`.
func boxedArrayExample<let count: Int>(_: InlineArray<count, UInt32>.Type, _ say: Narrator, _ probe: HeapProbe)
    -> (bytesTaken: Int, bytesAfter: Int, checksum: Int, arrayBytes: Int) {
    let before = probe().bytes
    var taken = 0, checksum = 0
    do {
        // Built straight into its heap slot: the stack only ever holds a pointer.
        var big = UniqueBox(InlineArray<count, UInt32>(repeating: 7))
        big.value[count - 1] = 9
        taken = probe().bytes - before
        for i in 0..<count { checksum += Int(big.value[i]) }
        say("   a \(count * 4 / 1024) KiB array lives on the heap: +\(taken) bytes, checksum \(checksum)")
    }
    let after = probe().bytes - before
    say("   dropped: \(after) bytes left")
    return (taken, after, checksum, count * 4)
}

// MARK: 3. Shared configuration read by two components through Rc

struct Config: ~Copyable {
    let databaseURL: String
    let maxConnections: Int
}

struct DatabaseConnection: ~Copyable { let config: Rc<Config> }
struct CacheConnection: ~Copyable { let config: Rc<Config> }

func sharedConfigExample(_ say: Narrator) -> (owners: Int, ownersAfter: Int, url: String, maxConnections: Int) {
    let config = Rc(Config(databaseURL: "postgres://localhost/mydb", maxConnections: 10))
    var owners = 0, url = "", maxConnections = 0
    do {
        let db = DatabaseConnection(config: config.clone())
        let cache = CacheConnection(config: config.clone())
        owners = config.strongCount
        url = db.config.value.databaseURL
        maxConnections = cache.config.value.maxConnections
        say("   DB URL: \(url); cache max connections: \(maxConnections); \(owners) owners of one Config")
    }
    let ownersAfter = config.strongCount
    say("   both components gone: \(ownersAfter) owner left")
    return (owners, ownersAfter, url, maxConnections)
}

// MARK: 4. A tree: Rc<Node> with RefCell children and Weak parent links

/// A node owns its children through a chain: its first child, and each child
/// its next sibling (the Rust text's `RefCell<Vec<Rc<Node>>>`: Swift's Array
/// cannot hold `~Copyable` elements yet). The parent link is a `Weak`, set
/// through a shared reference with `RefCell` once the parent exists.
/// (Built bottom-up: Embedded Swift 6.3 fails to compile code that destroys a
/// loose `Rc<TreeNode>?` of this recursive type, which re-linking would do.)
struct TreeNode: ~Copyable {
    let value: Int
    let parent: RefCell<Weak<TreeNode>?>
    let firstChild: RefCell<Rc<TreeNode>?>
    let nextSibling: RefCell<Rc<TreeNode>?>
    /// Children in the chain below this node.
    let childCount: Int

    init(_ value: Int, children: Int = 0, firstChild: consuming Rc<TreeNode>? = nil, nextSibling: consuming Rc<TreeNode>? = nil) {
        self.value = value
        childCount = children
        parent = RefCell(nil)
        self.firstChild = RefCell(firstChild)
        self.nextSibling = RefCell(nextSibling)
    }
}

func treeExample(_ say: Narrator) -> (children: Int, leafStrong: Int, rootWeak: Int, parentOfLeaf: Int?, parentAfterRootDrop: Int?) {
    let leaf = Rc(TreeNode(3))
    var children = 0, rootWeak = 0, parentOfLeaf: Int? = nil
    do {
        let second = Rc(TreeNode(2, nextSibling: leaf.clone()))
        let root = Rc(TreeNode(1, children: 2, firstChild: second.clone()))
        // Mutation through shared references: each child learns its parent.
        second.value.parent.withMutableBorrow { $0 = root.downgrade() }
        leaf.value.parent.withMutableBorrow { $0 = root.downgrade() }
        children = root.value.childCount
        rootWeak = root.weakCount
        parentOfLeaf = leaf.value.parent.withBorrow { link in link?.upgrade()?.value.value }
        say("   root has \(children) children; leaf: strong \(leaf.strongCount), its parent is \(parentOfLeaf ?? -1); root: strong \(root.strongCount), weak \(rootWeak)")
    }
    let leafStrong = leaf.strongCount
    let parentAfter = leaf.value.parent.withBorrow { link in link?.upgrade()?.value.value }
    say("   root dropped: the leaf's Weak parent upgrades to \(parentAfter.map { "\($0)" } ?? "nil"); leaf strong \(leafStrong)")
    return (children, leafStrong, rootWeak, parentOfLeaf, parentAfter)
}

// MARK: 5. An Rc cycle leaks; the same structure with Weak returns every byte

struct Peer: ~Copyable {
    let name: Int
    let strongLink: RefCell<Rc<Peer>?>
    let weakLink: RefCell<Weak<Peer>?>
    init(_ name: Int) { self.name = name; strongLink = RefCell(nil); weakLink = RefCell(nil) }
}

func cycleExample(_ say: Narrator, _ probe: HeapProbe, weakBack: Bool) -> (leakedBytes: Int, leakedBlocks: Int) {
    let before = probe()
    do {
        let a = Rc(Peer(1))
        let b = Rc(Peer(2))
        a.value.strongLink.withMutableBorrow { $0 = b.clone() }        // a owns b
        if weakBack {
            b.value.weakLink.withMutableBorrow { $0 = a.downgrade() }  // b only points back
        } else {
            b.value.strongLink.withMutableBorrow { $0 = a.clone() }    // b owns a: a cycle
        }
        say("   a: strong \(a.strongCount), weak \(a.weakCount); b: strong \(b.strongCount)")
    }
    let after = probe()
    let leaked = (after.bytes - before.bytes, after.blocks - before.blocks)
    say(weakBack
        ? "   with a Weak link back: \(leaked.0) bytes in \(leaked.1) blocks left behind"
        : "   with an Rc link back: \(leaked.0) bytes in \(leaked.1) blocks leaked (the counts never reach 0)")
    return leaked
}

// MARK: 6. The mock messenger: mutation through a shared reference via RefCell

protocol Messenger: ~Copyable {
    borrowing func send(_ message: String)
}

struct MockMessenger: Messenger, ~Copyable {
    let sentMessages = RefCell<[String]>([])
    borrowing func send(_ message: String) {
        sentMessages.withMutableBorrow { $0.append(message) }
    }
}

/// The Rust book's `LimitTracker`: warns its messenger as a quota fills.
struct LimitTracker {
    let max: Int
    func setValue<M: Messenger & ~Copyable>(_ value: Int, _ messenger: borrowing M) {
        let percentage = value * 100 / max
        if percentage >= 100 {
            messenger.send("Error: You are over your quota!")
        } else if percentage >= 90 {
            messenger.send("Urgent warning: You've used up over 90% of your quota!")
        } else if percentage >= 75 {
            messenger.send("Warning: You've used up over 75% of your quota!")
        }
    }
}

func messengerExample(_ say: Narrator) -> [String] {
    let mock = MockMessenger()
    let tracker = LimitTracker(max: 100)
    for value in [50, 80, 95, 120] { tracker.setValue(value, mock) }
    let sent = mock.sentMessages.withBorrow { $0 }
    say("   \(sent.count) messages recorded through a shared reference:")
    for message in sent { say("     \(message)") }
    return sent
}

/// Groups messages into threads, one thread per dispute: by `References` and `In-Reply-To`
/// (two replies to the same message not in the set join too), then, for a message that has
/// neither header (as some clients send, and forwards), by normalised subject when its subject
/// has a reply or forward prefix.
/// Members are in date order (input order when a date is missing); threads in the order of their
/// first message in the input.
package enum MailThreads {
    /// What threading needs of a message.
    package struct Member: Sendable {
        package let messageID: String?
        package let inReplyTo: [String]
        package let references: [String]
        package let subject: String
        package let timestamp: Int64?

        package init(messageID: String?, inReplyTo: [String], references: [String], subject: String, timestamp: Int64?)
        {
            self.messageID = messageID
            self.inReplyTo = inReplyTo
            self.references = references
            self.subject = subject
            self.timestamp = timestamp
        }
    }

    /// Threads as lists of indices into `members`, each in date order. A message whose Message-ID
    /// repeats an earlier one (the same mail saved twice) is left out of every thread.
    package static func group(_ members: [Member]) -> [[Int]] {
        var parent = Array(members.indices)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        func union(_ a: Int, _ b: Int) {
            let (ra, rb) = (find(a), find(b))
            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
        }
        var byID: [String: Int] = [:]
        var duplicate = Array(repeating: false, count: members.count)
        for (index, member) in members.enumerated() {
            guard let id = member.messageID else { continue }
            if byID[id] == nil { byID[id] = index } else { duplicate[index] = true }
        }
        var unknownReferences: [String: Int] = [:]
        for (index, member) in members.enumerated() where !duplicate[index] {
            for id in member.references + member.inReplyTo {
                if let target = byID[id] {
                    if target != index { union(index, target) }
                } else if let other = unknownReferences[id] {
                    union(index, other)
                } else {
                    unknownReferences[id] = index
                }
            }
        }
        var bySubject: [String: Int] = [:]
        for (index, member) in members.enumerated() where !duplicate[index] {
            let key = SubjectNormalizer.normalize(member.subject)
            guard !key.isEmpty else { continue }
            if let first = bySubject[key] {
                let unthreaded = member.references.isEmpty && member.inReplyTo.isEmpty
                if unthreaded && SubjectNormalizer.hasReplyPrefix(member.subject) { union(index, first) }
            } else {
                bySubject[key] = index
            }
        }
        var groups: [Int: [Int]] = [:]
        var order: [Int] = []
        for index in members.indices where !duplicate[index] {
            let root = find(index)
            if groups[root] == nil { order.append(root) }
            groups[root, default: []].append(index)
        }
        return order.map { root in
            let indices = groups[root]!
            guard indices.allSatisfy({ members[$0].timestamp != nil }) else { return indices }
            return indices.sorted { (members[$0].timestamp!, $0) < (members[$1].timestamp!, $1) }
        }
    }
}

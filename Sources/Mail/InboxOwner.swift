/// The address an inbox belongs to (the AR team's), found from the messages themselves: the one
/// that more than half of them are addressed to (To or Cc). Customers write to it, so in an export
/// of that inbox it is the most common recipient; a thread's messages from it are the team's own
/// replies ("Thank you, we are looking into it"), which are not what the customer disputes. No
/// address reaches half of the messages when the input is not one inbox (or one message): then
/// there is no owner and nothing is left out.
enum InboxOwner {
    static func address(of messages: [IntakeMessage]) -> String? {
        guard messages.count >= 2 else { return nil }
        var counts: [String: Int] = [:]
        for message in messages {
            for address in Set(message.recipientAddresses) { counts[address, default: 0] += 1 }
        }
        // Ties broken by the address, so the answer does not depend on dictionary order.
        guard let (address, count) = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }),
            count * 2 > messages.count
        else { return nil }
        return address
    }
}

/// Mapping between ``Subject`` and the adjustment-reason codes of EDI remittance advice, both ways:
/// ANSI X12 data element 426 (e.g. in the 820 and 812 transactions) and UN/EDIFACT data element 4465
/// (e.g. in REMADV). Each code maps back to exactly one subject.
///
/// ```swift
/// Subject.pricing.x12AdjustmentReasonCodes        // ["01", "03", "33"]
/// Subject(edifactAdjustmentReasonCode: "53")      // .duplicateBilling
/// ```
extension Subject {
    /// X12 element 426 codes for this subject (the first is the primary one).
    public var x12AdjustmentReasonCodes: [String] {
        switch self {
        case .pricing: return ["01", "03", "33"]  // pricing error, extension error, currency exchange
        case .quantity: return ["06", "22"]  // quantity contested, weight error
        case .damagedGoods: return ["04", "05"]  // not accepted: damaged / quality
        case .wrongItem: return ["07", "08", "62"]  // incorrect product, substitute, description error
        case .notDelivered: return ["59", "42", "73"]  // item not received, loss, bill of lading not received
        case .duplicateBilling: return ["19"]  // duplicate billing
        // no open item on file, credit for overpayment, paid previously disputed
        case .alreadyPaid: return ["60", "52", "63"]
        case .tax: return ["55"]  // tax deducted
        // freight deducted, delivery / transportation charge, method of payment, pallet charge
        case .freight: return ["54", "30", "46", "21", "10"]
        // allowance error, incorrect / missing discount, advertising allowance, volume discount
        case .promotion: return ["02", "24", "43", "56", "57"]
        // returns: damage, quality, dating, promotion, recall; authorised return
        case .returnsCredit: return ["11", "12", "13", "14", "15", "72"]
        case .unauthorized: return ["61", "26", "23"]  // no open order, invoice cancelled, charge not authorised
        // terms of sale, late charge, interest penalty, fee, service / processing charge
        case .termsFees: return ["09", "50", "51", "29", "48", "49"]
        case .serviceQuality: return ["38"]  // service incorrect
        // required data / documents missing, reference missing, address, not company bill
        case .documentation: return ["17", "44", "39", "40", "18"]
        }
    }

    /// UN/EDIFACT element 4465 codes for this subject (the first is the primary one).
    public var edifactAdjustmentReasonCodes: [String] {
        switch self {
        case .pricing: return ["5"]  // price query
        case .quantity: return ["4"]  // short delivery
        case .damagedGoods: return ["3", "2", "17"]  // damaged goods, below specification, transport damage
        case .wrongItem: return ["14"]  // wrong delivery
        case .notDelivered: return ["32", "6"]  // goods not delivered, proof of delivery required
        case .duplicateBilling: return ["53"]  // duplicate invoice
        case .alreadyPaid: return ["30"]  // direct payment to seller
        case .tax: return ["26", "22"]  // taxes, customs duties
        case .freight: return ["8"]  // returnable container charge
        case .promotion: return ["19", "21", "38", "39"]  // trade discount, advertising costs, bonus, discount
        case .returnsCredit: return ["16", "35", "15"]  // goods partly returned, returned to seller, returned to agent
        case .unauthorized: return ["29"]  // buyer refused to take delivery
        case .termsFees: return ["31", "11", "10"]  // disagrees with due date, bank charges, costs for draft
        case .serviceQuality: return ["24"]  // repair costs
        case .documentation: return ["36", "9"]  // invoice not received, invoice not in accordance with order
        }
    }

    /// The subject an X12 element 426 code stands for, or `nil` for codes outside this taxonomy.
    public init?(x12AdjustmentReasonCode code: String) {
        guard let subject = Subject.allCases.first(where: { $0.x12AdjustmentReasonCodes.contains(code) }) else {
            return nil
        }
        self = subject
    }

    /// The subject a UN/EDIFACT element 4465 code stands for, or `nil` for codes outside this taxonomy.
    public init?(edifactAdjustmentReasonCode code: String) {
        guard let subject = Subject.allCases.first(where: { $0.edifactAdjustmentReasonCodes.contains(code) }) else {
            return nil
        }
        self = subject
    }
}

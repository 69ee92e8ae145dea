import DisputeTriage
import Testing

@Suite struct SubjectTests {
    @Test func ediCodesMapBothWaysWithoutOverlap() {
        var x12: [String: Subject] = [:]
        var edifact: [String: Subject] = [:]
        for subject in Subject.allCases {
            #expect(!subject.x12AdjustmentReasonCodes.isEmpty)
            #expect(!subject.edifactAdjustmentReasonCodes.isEmpty)
            for code in subject.x12AdjustmentReasonCodes {
                #expect(x12[code] == nil, "X12 code \(code) in two subjects")
                x12[code] = subject
                #expect(Subject(x12AdjustmentReasonCode: code) == subject)
            }
            for code in subject.edifactAdjustmentReasonCodes {
                #expect(edifact[code] == nil, "EDIFACT code \(code) in two subjects")
                edifact[code] = subject
                #expect(Subject(edifactAdjustmentReasonCode: code) == subject)
            }
        }
    }

    @Test func standardCodesLandOnTheExpectedSubjects() {
        #expect(Subject(x12AdjustmentReasonCode: "01") == .pricing)
        #expect(Subject(x12AdjustmentReasonCode: "06") == .quantity)
        #expect(Subject(x12AdjustmentReasonCode: "04") == .damagedGoods)
        #expect(Subject(x12AdjustmentReasonCode: "05") == .damagedGoods)
        #expect(Subject(x12AdjustmentReasonCode: "19") == .duplicateBilling)
        #expect(Subject(x12AdjustmentReasonCode: "54") == .freight)
        #expect(Subject(x12AdjustmentReasonCode: "55") == .tax)
        #expect(Subject(edifactAdjustmentReasonCode: "53") == .duplicateBilling)
        #expect(Subject(edifactAdjustmentReasonCode: "4") == .quantity)
        #expect(Subject(edifactAdjustmentReasonCode: "3") == .damagedGoods)
        #expect(Subject(edifactAdjustmentReasonCode: "5") == .pricing)
        #expect(Subject(x12AdjustmentReasonCode: "ZZ") == nil)
    }

    @Test func taxonomyHasFifteenSubjectsAndOrderedSeverities() {
        #expect(Subject.allCases.count == 15)
        #expect(Severity.allCases.map(\.rawValue) == ["low", "medium", "high", "critical"])
        #expect(Severity.low < Severity.critical)
        #expect(Severity.high.level == 2)
    }
}

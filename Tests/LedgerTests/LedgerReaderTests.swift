import Records
import Testing

@testable import Ledger

@Suite("LedgerReader")
struct LedgerReaderTests {
    static let ibmHeader =
        "id,invoice_number,customer_id,country_code,invoice_date,due_date,terms_days,invoice_amount,paperless_date,paperless_bill,disputed,settled_date,days_to_settle,days_late,late"
    static let cassandraHeader =
        "id,vendor_name,description,created,invoice_date,due_date,terms_days,amount,settled,outstanding,days_until_payment,paid_date,days_past_due,days_late,late"

    @Test("both shared ledgers' column names are recognised without a mapping")
    func sharedSynonyms() throws {
        let ibm = try ColumnMapping().resolve(
            columns: Self.ibmHeader.split(separator: ",").map(String.init), file: "ibm.csv")
        #expect(ibm[.customerID] == "customer_id")
        #expect(ibm[.invoiceID] == "invoice_number")
        #expect(ibm[.amount] == "invoice_amount")
        #expect(ibm[.paidDate] == "settled_date")
        #expect(ibm[.disputed] == "disputed")
        #expect(ibm[.paperless] == "paperless_bill")
        let cassandra = try ColumnMapping().resolve(
            columns: Self.cassandraHeader.split(separator: ",").map(String.init), file: "cas.csv")
        #expect(cassandra[.customerID] == "vendor_name")
        #expect(cassandra[.invoiceID] == "id")
        #expect(cassandra[.amount] == "amount")
        #expect(cassandra[.paidDate] == "paid_date")
        #expect(cassandra[.openAmount] == "outstanding")
        #expect(cassandra[.disputed] == nil)
    }

    @Test("a CSV header without the required columns fails even when no row follows it")
    func headerOnlyFileIsChecked() throws {
        try LedgerFixtures.withFile("notes.csv", "id,text,subject\n") { path in
            let error = #expect(throws: LedgerError.self) { try LedgerReader.readAll(path: path) }
            #expect(error?.description.contains("\(path): no column for") == true, "\(String(describing: error))")
        }
        let invoices = try LedgerFixtures.withFile("ledger.csv", Self.ibmHeader + "\n") {
            try LedgerReader.readAll(path: $0)
        }
        #expect(invoices.isEmpty)
    }

    @Test("an explicit mapping wins, matches names loosely and takes its column away from the synonyms")
    func explicitMapping() throws {
        let mapping = try ColumnMapping(parsing: "invoice_id = Doc No,\n# comment\ncustomer_id=id")
        let columns = try mapping.resolve(columns: ["id", "Doc No", "Date", "Due", "Total"], file: "x.csv")
        #expect(columns[.invoiceID] == "Doc No")
        #expect(columns[.customerID] == "id")
        #expect(columns[.invoiceDate] == "Date")
        #expect(columns[.dueDate] == "Due")
        #expect(columns[.amount] == "Total")
    }

    @Test("bad mappings and missing columns are typed errors that say what to do")
    func mappingErrors() throws {
        #expect(throws: LedgerError.self) { try ColumnMapping(parsing: "invoice=Doc") }
        #expect(throws: LedgerError.self) { try ColumnMapping(parsing: "invoice_id") }
        #expect(throws: LedgerError.self) { try ColumnMapping(parsing: "invoice_id=A,invoice_id=B") }
        #expect(throws: LedgerError.mappedColumnMissing(field: .invoiceID, column: "Nope", file: "f.csv")) {
            try ColumnMapping(parsing: "invoice_id=Nope").resolve(
                columns: ["customer", "invoice", "date", "due", "amount"], file: "f.csv")
        }
        do {
            _ = try ColumnMapping().resolve(columns: ["customer", "invoice", "date", "amount"], file: "f.csv")
            Issue.record("expected a missing due date")
        } catch let error as LedgerError {
            #expect(error.description.contains("no column for due_date"))
            #expect(error.description.contains("--map due_date=COLUMN"))
        }
    }

    @Test("CSV and JSONL give the same invoices; terms stand in for a missing due date")
    func csvAndJSONL() throws {
        let csv =
            "Customer,Invoice No,Invoice Date,Terms,Amount,Paid Date,Disputed\nC1,INV-1,2024-01-05,30,120.50,2024-02-10,no\nC1,CN-1,2024-01-20,0,-20,,\n"
        let jsonl = """
            {"customer":"C1","invoice_no":"INV-1","invoice_date":"2024-01-05","terms":30,"amount":120.5,"paid_date":"2024-02-10","disputed":false}
            {"customer":"C1","invoice_no":"CN-1","invoice_date":"2024-01-20","terms":0,"amount":-20,"paid_date":null}

            """
        let fromCSV = try LedgerFixtures.withFile("l.csv", csv) { try LedgerReader.readAll(path: $0) }
        let fromJSONL = try LedgerFixtures.withFile("l.jsonl", jsonl) { try LedgerReader.readAll(path: $0) }
        #expect(fromCSV.count == 2)
        for (a, b) in zip(fromCSV, fromJSONL) {
            #expect(
                a.invoiceID == b.invoiceID && a.dueDate == b.dueDate && a.amount == b.amount && a.paidDate == b.paidDate
                    && a.disputed == b.disputed)
        }
        #expect(fromCSV[0].dueDate.description == "2024-02-04")
        #expect(fromCSV[0].daysLate == 6)
        #expect(fromCSV[1].isCreditNote)
        #expect(fromCSV[1].paidDate == nil)
    }

    @Test(
        "a bad row stops with file:line: field 'column': reason, naming the column as spelled in the file",
        arguments: [
            (
                "customer_id,invoice_number,invoice_date,due_date,invoice_amount,settled_date\nC,1,2013-01-01,2013-01-31,10,2013-02-30\n",
                "settled_date", "is not a valid date"
            ),
            (
                "customer_id,invoice_number,invoice_date,due_date,invoice_amount\nC,1,2013-01-01,2013-01-31,abc\n",
                "invoice_amount", "is not a number"
            ),
            (
                "customer_id,invoice_number,invoice_date,due_date,invoice_amount\nC,1,2013-01-01,2012-12-31,5\n",
                "due_date", "before the invoice date"
            ),
            (
                "customer_id,invoice_number,invoice_date,due_date,invoice_amount\n,1,2013-01-01,2013-01-31,5\n",
                "customer_id", "missing"
            ),
            (
                "customer_id,invoice_number,invoice_date,due_date,amount,outstanding\nC,1,2013-01-01,2013-01-31,5,9\n",
                "outstanding", "outside"
            ),
            (
                "customer_id,invoice_number,invoice_date,due_date,amount,paperless_bill\nC,1,2013-01-01,2013-01-31,5,maybe\n",
                "paperless_bill", "paper/electronic"
            ),
        ])
    func rowErrors(_ text: String, _ column: String, _ reason: String) throws {
        try LedgerFixtures.withFile("bad.csv", text) { path in
            do {
                _ = try LedgerReader.readAll(path: path)
                Issue.record("expected an error")
            } catch let error as RecordError {
                #expect(error.line == 2)
                #expect(error.field == column)
                #expect(error.description.hasPrefix("\(path):2: field '\(column)': "))
                #expect(error.reason.contains(reason))
            }
        }
    }

    @Test("the shared ledgers load completely", arguments: ["ibm_ar", "cassandra_ap"])
    func sharedLedgers(_ set: String) throws {
        guard let path = LedgerFixtures.sharedLedger(set, "train") else { return }
        let ledger = try Ledger.load(path: path)
        #expect(ledger.invoices.count == (set == "ibm_ar" ? 1_728 : 6_132))
        #expect(ledger.invoices.allSatisfy { $0.paidDate != nil })
    }
}

#!/usr/bin/env python3
"""Writes the seed corpus under Fuzz/corpus/<harness>/ (deterministic; re-run after editing).

    python3 Fuzz/make_corpus.py

Every file is < 4 KB (the fuzzers run with -max_len=4096). Standard library only.
"""
import hashlib
import json
import os
import shutil
import struct

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")
NBSP, NNBSP, THIN = "\u00a0", "\u202f", "\u2009"


def put(harness, name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    assert len(data) < 4096, (harness, name, len(data))
    folder = os.path.join(ROOT, harness)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


# ---------------------------------------------------------------- tokenizer
def tokenizer():
    h = "tokenizer"
    put(h, "en_invoice.txt",
        "Hi Dana,\n\nInvoice INV-2024-0042 was charged twice: $1,234.56 on 15/03/2024. "
        "The nitrile gloves came through at $15.80 a box, but our agreement has them at $14.20 "
        "(30 boxes, so $48.00 over). Please issue a credit note to ap@northgate-dental.com.\n")
    put(h, "fr_facture.txt",
        f"Bonjour,\n\nL'article facturé 1{NNBSP}234,56{NBSP}€ (INV-2024-0042) ne correspond pas à la "
        f"commande PO#55821 du 3.4.24 ; jusqu'à présent aucune remise de 10{NBSP}% n’a été appliquée. "
        f"Nous retenons 4 x 289,00 $ = 1{THIN}156,00 $ et payons le reste.\nMartin Bélanger, Saint-Jérôme\n")
    put(h, "class_tokens.txt",
        "12 1,234.5 $1,234.56 980,00€ 12k$ € £5 ¥300 ₹12 15% 10 % % 2024-03-15 15/03/2024 3.4.24 "
        "1/2/3/4 12-34 INV-2024-00123 F23/0456 PO#55821 #12 4500012345 123456 1234.56789 "
        "ap@example.com @foo a@b.c http://x https://example.com/pod www.example.fr www. HTTP://A "
        "3rd 10kg 2x 1e10 0x1F -5 +7 (12) [15%] «42» \"$3\"\n")
    put(h, "elision.txt",
        "l'article qu’il jusqu'au lorsqu'il puisqu'on d'accord c'est j'ai m'a n'a s'il t'es "
        "don't customer's L'ÉTAT QU'IL l' 'a ''' l'123 l'' qu’ ʼtis rock'n'roll\n")
    put(h, "long_word.txt", "a" * 100 + " " + "é" * 40 + " " + "x" * 63 + "é " + "𝔘" * 20 + " " + "Ω" * 33 + "\n")
    put(h, "unicode_mix.txt",
        "ΑΒΓ ΔΕΖ АБВ ЀЁЂ e\u0301te\u0301 ŒUVRE Straße Æsir ÿ Ĳssel naïve façade "
        "\u2028ligne\u2029para\u3000全角 text\u1680ogham 🙂 emoji👍🏽 \u0085nel \ufffd\ufeffbom\n")
    put(h, "uppercase.txt", "ÉCHÉANCE DÉPASSÉE — RELANCE N°3 : FACTURE IMPAYÉE, MERCI DE RÉGLER SOUS 8 JOURS.\n")
    put(h, "punctuation.txt", "...---!!! ??? ''' ``` ~~ ** -- // ## %% $$ €€ @@ ,, .. ;; ::\n")
    put(h, "invalid_utf8.bin",
        b"ok \xc0\x80 \xc1\xbf \xed\xa0\x80surrogate \xf4\x90\x80\x80big \xf8\x88\x80\x80\x80 \xff\xfe "
        b"trunc\xc3 tr\xe2\x82 \xf0\x9f\x99 caf\xe9 end\x80\x80 12\xa0000 \xe2\x80\xaf\n")
    put(h, "control_chars.bin", b"\x00\x01a\x02b\tc\x0bd\x0ce\rf\x1b[31mred\x1b[0m\x7f\x00")
    put(h, "empty.txt", b"")
    put(h, "single_byte.txt", b"A")
    put(h, "dates_numbers.txt", "1.2.3 1..2 12/12/12 2024-1-1 99-99-9999 1-2 1/2 2024/03/15 3.4.2024 1,2,3 1.234.567,89\n")


# ---------------------------------------------------------------- CSV reader
def csv_reader():
    h = "csv-reader"
    put(h, "basic.csv",
        "id,text,amount,credit_score,urgent\n"
        "S-001,Invoice 88412 overcharged,48.0,81,no\n"
        "S-002,\"Facture 2025-00418 : 40 palettes, 36 livrées\",1156,72,yes\n")
    put(h, "quoted_newlines.csv",
        'id,text\n1,"line one\nline two, with comma"\n2,"say ""hi"""\n3,""\n4,"multi\r\nCRLF"\n')
    put(h, "bom_crlf.csv", b"\xef\xbb\xbfid,text\r\n1,hello\r\n2,world\r\n")
    put(h, "blank_lines.csv", "a,b\n\n1,2\n\n\n3,4\n")
    put(h, "no_trailing_newline.csv", "a,b\n1,2")
    put(h, "header_only.csv", "id,text,amount\n")
    put(h, "empty.csv", b"")
    put(h, "numbers_bools.csv",
        "n,flag\nNaN,true\ninf,FALSE\n-inf,Yes\n1e308,n\n1e309,y\n-0,1\n \t12 ,0\n0x1F,maybe\n"
        "101,\n,\n1_000,TRUE\n.5,no\n")
    put(h, "unclosed_quote.csv", 'a,b\n1,"never closed\n2,3\n')
    put(h, "field_count.csv", "a,b,c\n1,2\n1,2,3,4\n")
    put(h, "duplicate_header.csv", "a,b,a\n1,2,3\n")
    put(h, "empty_header_name.csv", "a,,c\n1,2,3\n")
    put(h, "after_quote.csv", 'a,b\n"x"y,2\n')
    put(h, "quote_mid_field.csv", 'a,b\nx"y",2\n')
    put(h, "invalid_utf8.csv", b"a,b\n\xff\xfe,ok\nok,caf\xe9\n")
    put(h, "lone_cr.csv", b"a,b\r1,2\r\n3,4\r")
    put(h, "long_record.csv", "id,text\n1," + "x" * 1500 + "\n")
    put(h, "unicode.csv", "clé,texte\n1,L’article facturé 1\u202f234,56\u00a0€\n")


# ---------------------------------------------------------------- JSONL reader
def jsonl_reader():
    h = "jsonl-reader"
    put(h, "basic.jsonl",
        '{"id": "S-001", "text": "Hi Dana,\\n\\nSmall one on invoice 88412", "amount": 48.0, '
        '"customer_value": 38000, "credit_score": 81, "days_past_due": 0}\n'
        '{"id": "S-002", "text": "Facture 2025-00418 : 36 livr\\u00e9es", "amount": 1156.0, "urgent": true}\n')
    put(h, "types.jsonl",
        '{"s":"x","n":1.5,"b":false,"z":null,"a":[1,2],"o":{"k":"v"},"e":"","w":"  "}\n'
        '{"flag":1,"flag2":0,"flag3":2,"t":"yes","num":"12.5","bad":"abc","nan":"NaN"}\n')
    put(h, "blank_crlf_bom.jsonl", b'\xef\xbb\xbf{"a":1}\r\n\r\n   \t\n{"a":2}\r\n')
    put(h, "not_objects.jsonl", '[1,2]\n"text"\n42\nnull\ntrue\n')
    put(h, "truncated.jsonl", '{"a":1}\n{"a": \n')
    put(h, "invalid_utf8.jsonl", b'{"a":"caf\xe9"}\n')
    put(h, "escapes.jsonl",
        '{"e":"\\u00e9\\ud83d\\ude00\\n\\t\\"\\\\\\/","lone":"\\ud800","nul":"a\\u0000b"}\n')
    put(h, "numbers.jsonl",
        '{"big":1e400,"small":1e-400,"neg":-0,"max":1.7976931348623157e308,"int":9007199254740993,'
        '"exp":1E+2,"credit_score":140}\n')
    put(h, "nested.jsonl", '{"a":' + "[" * 600 + "]" * 600 + "}\n")
    put(h, "duplicate_keys.jsonl", '{"a":1,"a":"two"}\n')
    put(h, "whitespace.jsonl", ' \t{ "a" : 1 , "b" : [ ] } \t\n')
    put(h, "long_line.jsonl", '{"text":"' + "y" * 1500 + '"}\n')
    put(h, "no_newline.jsonl", '{"last":true}')
    put(h, "empty.jsonl", b"")
    put(h, "trailing_garbage.jsonl", '{"a":1} x\n{"a":1}{"b":2}\n')


# ---------------------------------------------------------------- model loader
def safetensors(tensors, metadata=None, pad=True, header_override=None):
    """tensors: list of (name, dtype, shape, raw bytes), in file order (names sorted like SafeTensors.encode)."""
    parts = []
    if metadata:
        parts.append('"__metadata__":{' + ",".join(f"{json.dumps(k)}:{json.dumps(v)}" for k, v in sorted(metadata.items())) + "}")
    offset = 0
    data = b""
    for name, dtype, shape, raw in tensors:
        end = offset + len(raw)
        shape_text = ",".join(str(d) for d in shape)
        parts.append(f'{json.dumps(name)}:{{"dtype":"{dtype}","shape":[{shape_text}],"data_offsets":[{offset},{end}]}}')
        offset = end
        data += raw
    header = (header_override if header_override is not None else "{" + ",".join(parts) + "}").encode()
    if pad:
        while len(header) % 8:
            header += b" "
    return struct.pack("<Q", len(header)) + header + data


def f32(*values):
    return struct.pack(f"<{len(values)}f", *values)


def f64(*values):
    return struct.pack(f"<{len(values)}d", *values)


# The manifest-directory weights the harness writes (must match fixedWeights in ModelLoaderFuzz.swift).
FIXED_WEIGHTS = safetensors([("b", "F64", [1], f64(0.5)), ("w", "F32", [2, 2], f32(1, 2, 3, 4))],
                            metadata={"kind": "fuzz-model"})


def manifest(files, kind="fuzz-model", version=1, info=None):
    return json.dumps({
        "formatVersion": version, "kind": kind, "libraryVersion": "0.0.0",
        "createdAt": "2026-01-01T00:00:00Z", "files": files,
        "info": info if info is not None else {"labels": ["a", "b"], "dimension": 2},
    }, indent=2, sort_keys=True)


def model_loader():
    h = "model-loader"
    tiny = safetensors([("w", "F32", [2, 2], f32(1.0, -2.5, 3.25, 0.0))], metadata={"kind": "demo"})
    put(h, "tiny.safetensors", tiny)
    put(h, "fixed_weights.safetensors", FIXED_WEIGHTS)
    put(h, "all_dtypes.safetensors", safetensors([
        ("a.f32", "F32", [2], f32(1, 2)), ("b.f64", "F64", [1], f64(3)),
        ("c.i32", "I32", [1, 1], struct.pack("<i", -7)), ("d.i64", "I64", [1], struct.pack("<q", 1 << 40)),
        ("e.u64", "U64", [2], struct.pack("<2Q", 5, 2**64 - 1)), ("f.u8", "U8", [3], b"\x01\x02\x03"),
    ]))
    put(h, "empty_and_scalar.safetensors", safetensors([
        ("empty", "F32", [0], b""), ("scalar", "F64", [], f64(1.5)), ("zero_dim", "U8", [3, 0, 2], b""),
    ]))
    put(h, "no_tensors.safetensors", safetensors([], metadata={"only": "metadata"}))
    put(h, "empty_header.safetensors", safetensors([], header_override="{}"))
    put(h, "unpadded_odd_length.safetensors", safetensors([("x", "U8", [1], b"\x09")], pad=False))
    put(h, "unicode_names.safetensors", safetensors(
        [("caf\u00e9\u2028\u0000\"\\", "U8", [1], b"\x01")], metadata={"cl\u00e9\n": "\ud83d\ude00 \u00e9"}))
    good = bytearray(tiny)
    put(h, "truncated.safetensors", bytes(good[:-3]))
    put(h, "trailing_bytes.safetensors", tiny + b"\x00\x00\x00\x00")
    put(h, "huge_header_length.safetensors", struct.pack("<Q", 2**63 + 5) + tiny[8:])
    put(h, "header_past_end.safetensors", struct.pack("<Q", 4000) + tiny[8:])
    put(h, "short.safetensors", b"\x08\x00\x00")
    put(h, "overlap.safetensors", safetensors([], header_override=
        '{"a":{"dtype":"U8","shape":[4],"data_offsets":[0,4]},"b":{"dtype":"U8","shape":[4],"data_offsets":[2,6]}}')
        + b"\x00" * 6)
    put(h, "gap.safetensors", safetensors([], header_override=
        '{"a":{"dtype":"U8","shape":[2],"data_offsets":[0,2]},"b":{"dtype":"U8","shape":[2],"data_offsets":[4,6]}}')
        + b"\x00" * 6)
    put(h, "shape_overflow.safetensors", safetensors([], header_override=
        '{"a":{"dtype":"F64","shape":[2147483647,2147483647,2147483647],"data_offsets":[0,8]}}') + b"\x00" * 8)
    put(h, "bad_fields.safetensors", safetensors([], header_override=
        '{"a":{"dtype":"BF16","shape":[1],"data_offsets":[0,2]},"b":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]},'
        '"c":{"dtype":"F32","shape":[1.5],"data_offsets":[0.0,4e0]},"d":{"dtype":"F32","shape":[true],"data_offsets":[0,4]},'
        '"__metadata__":{"n":1}}') + b"\x00" * 4)
    put(h, "not_json.safetensors", safetensors([], header_override="[1,2,3]"))
    # Manifests (the harness also writes every input as manifest.json of a model directory).
    put(h, "manifest_valid.json", manifest({"weights.safetensors": hashlib.sha256(FIXED_WEIGHTS).hexdigest()}))
    put(h, "manifest_stale.json", manifest({"weights.safetensors": "0" * 64}))
    put(h, "manifest_no_files.json", manifest({}, info={"labels": [], "dimension": 0, "temperature": 1.5}))
    put(h, "manifest_newer.json", manifest({}, version=2))
    put(h, "manifest_version0.json", manifest({}, version=0))
    put(h, "manifest_wrong_kind.json", manifest({}, kind="text-classifier"))
    put(h, "manifest_bad_names.json", manifest({"../weights.safetensors": "0" * 64, "": "x", ".": "y", "a/b": "z"}))
    put(h, "manifest_self.json", manifest({"manifest.json": "0" * 64, "missing.bin": "1" * 64}))
    put(h, "manifest_header_only.json", '{"formatVersion":1,"kind":"fuzz-model"}')
    put(h, "manifest_types.json", '{"formatVersion":1.5,"kind":7,"files":[],"info":null}')


# ---------------------------------------------------------------- mail-parser / html-text
def mail_parser():
    h = "mail-parser"
    put(h, "plain.eml", "From: Priya <priya@client.example>\r\nTo: ar@supplier.example\r\nSubject: Invoice 88412\r\n"
        "Date: Tue, 3 Mar 2026 09:15:00 +0100\r\nMessage-ID: <a1@client.example>\r\n\r\n"
        "We already paid invoice 88412.\r\n\r\nOn Mon, 2 Mar 2026, AR <ar@supplier.example> wrote:\r\n> Please pay.\r\n"
        "-- \r\nPriya\r\n")
    put(h, "alternative_qp_b64.eml", "Subject: =?utf-8?q?Facture_r=C3=A9clam=C3=A9e?= =?iso-8859-1?b?6Q==?=\n"
        "MIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=\"b1\"\n\npreamble\n--b1\n"
        "Content-Type: text/plain; charset=iso-8859-15\nContent-Transfer-Encoding: quoted-printable\n\n"
        "Montant : 12=A4, soft=\nbreak\n--b1\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
        "PHA+TW9udGFudCZuYnNwOzogMTIgJmV1cm87PC9wPg==\n--b1--\nepilogue\n")
    put(h, "nested_related_rfc822.eml", "Content-Type: multipart/mixed; boundary=o\n\n--o\n"
        "Content-Type: multipart/related; boundary=r; start=\"<m@x>\"\n\n--r\nContent-Type: image/png\n\nPNG\n--r\n"
        "Content-ID: <m@x>\nContent-Type: text/html\n\n"
        "<div>Le 2 mars, X a \u00e9crit :</div><blockquote>old</blockquote>\n--r--\n"
        "--o\nContent-Type: message/rfc822\n\nSubject: inner\nContent-Type: text/plain; charset=windows-1252\n\n\x93quoted\x94\n"
        "--o\nContent-Type: application/pdf\nContent-Disposition: attachment; filename*0*=utf-8''a%C3%A9; filename*1=\".pdf\"\n"
        "Content-Transfer-Encoding: base64\n\nJVBERi0=\n--o--\n")
    put(h, "outlook_fr.eml", "From: a@b.example\nSubject: RE : Facture F-12\nIn-Reply-To: <x@y>\nReferences: <w@y> <x@y>\n\n"
        "Toujours pas corrig\u00e9.\n\nCordialement,\nMarie\nT\u00e9l. 01 23\n\n"
        "Ce message et toutes les pi\u00e8ces jointes sont confidentiels.\n\n________________________________\n"
        "De : Compta <c@f.example>\nEnvoy\u00e9 : lundi 2 mars 2026\n\u00c0 : Acheteur\nObjet : Facture\n\nAncien texte\n")
    put(h, "broken.eml", "From \nSubject x\n\tcontinued\nContent-Type: multipart/mixed; boundary=\"\"\n\n--\n--z\n")


def html_text():
    h = "html-text"
    put(h, "outlook.html", "<html><head><style>p {margin:0}</style><title>t</title></head><body><div class=WordSection1>"
        "<p class=MsoNormal>Invoice&nbsp;#42 &amp; co &eacute;&#8217;&#x20AC;&#128;<o:p></o:p></p>"
        "<div style='border-top:solid'><p><b>From:</b> AR<br><b>Sent:</b> Monday</p></div></div></body></html>")
    put(h, "lists_tables.html", "<ul><li>one<li>two</ul><ol><li>x</li></ol><table><tr><th>a<th>b<tr><td>1<td>2</table>"
        "<pre>  keep\n  lines</pre><blockquote><blockquote>deep</blockquote></blockquote>")
    put(h, "broken.html", "a < b <p <!-- x --> <!-- <script>alert(1)</script> &unknown; &#; &#xZZ; <a href='>'>x</a> <scr")


if __name__ == "__main__":
    if os.path.isdir(ROOT):
        shutil.rmtree(ROOT)
    tokenizer()
    csv_reader()
    jsonl_reader()
    model_loader()
    mail_parser()
    html_text()
    for harness in sorted(os.listdir(ROOT)):
        files = os.listdir(os.path.join(ROOT, harness))
        print(f"{harness}: {len(files)} files")

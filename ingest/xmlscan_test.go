package ingest

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// scanTokens writes the tokens of an XML document as an xmlScanner reads
// them, one a line, character data joined, the input read chunk bytes at
// a time.
func scanTokens(data []byte, chunk int) (string, error) {
	s := newXMLScanner(&chunkReader{data: data, n: chunk})
	var b strings.Builder
	var text []byte
	flush := func() {
		if len(text) > 0 {
			fmt.Fprintf(&b, "T %q\n", text)
			text = text[:0]
		}
	}
	for {
		kind, err := s.next()
		if err == io.EOF {
			flush()
			return b.String(), nil
		}
		if err != nil {
			return b.String(), err
		}
		switch kind {
		case xmlStart:
			flush()
			fmt.Fprintf(&b, "S %s", s.local)
			for _, a := range s.attrs {
				fmt.Fprintf(&b, " %s/%v=%q", a.name, a.prefixed, a.value)
			}
			b.WriteByte('\n')
		case xmlEnd:
			flush()
			fmt.Fprintf(&b, "E %s\n", s.local)
		case xmlText:
			text = append(text, s.data...)
		}
	}
}

// stdTokens writes the tokens of an XML document as encoding/xml's Decoder
// reads them, as scanTokens writes them. It reports whether the document
// has a directive (<!DOCTYPE …>), which the scanner does not read.
func stdTokens(data []byte) (string, bool, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var b strings.Builder
	var text []byte
	flush := func() {
		if len(text) > 0 {
			fmt.Fprintf(&b, "T %q\n", text)
			text = text[:0]
		}
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			flush()
			return b.String(), false, nil
		}
		if err != nil {
			return b.String(), false, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			flush()
			fmt.Fprintf(&b, "S %s", t.Name.Local)
			for _, a := range t.Attr {
				if a.Name.Space == "xmlns" || a.Name.Space == "" && a.Name.Local == "xmlns" {
					continue
				}
				fmt.Fprintf(&b, " %s/%v=%q", a.Name.Local, a.Name.Space != "", a.Value)
			}
			b.WriteByte('\n')
		case xml.EndElement:
			flush()
			fmt.Fprintf(&b, "E %s\n", t.Name.Local)
		case xml.CharData:
			text = append(text, t...)
		case xml.Directive:
			return "", true, nil
		}
	}
}

// A chunkReader reads data n bytes at a time.
type chunkReader struct {
	data []byte
	n    int
}

func (r *chunkReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, io.EOF
	}
	n := copy(p[:min(len(p), r.n)], r.data)
	r.data = r.data[n:]
	return n, nil
}

// checkScanner compares the scanner with encoding/xml on one document:
// the same tokens when encoding/xml reads it, an error when it cannot.
// The scanner reads no directive, and checks no name beyond its bytes
// (encoding/xml checks a name's characters against Unicode's classes).
func checkScanner(t *testing.T, label string, data []byte) {
	t.Helper()
	want, directive, wantErr := stdTokens(data)
	for _, chunk := range []int{1, 7, xmlChunk} {
		got, err := scanTokens(data, chunk)
		switch {
		case directive:
			if err == nil {
				t.Errorf("%s (chunks of %d): a directive read without an error", label, chunk)
			}
		case wantErr == nil && (err != nil || got != want):
			t.Errorf("%s (chunks of %d): scanner:\n%s%v\nencoding/xml:\n%s", label, chunk, got, err, want)
		case wantErr != nil && err == nil && !(strings.Contains(wantErr.Error(), "invalid XML name") && !isASCII(data)):
			t.Errorf("%s (chunks of %d): read without an error; encoding/xml: %v", label, chunk, wantErr)
		}
		if t.Failed() {
			return
		}
	}
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// xmlSnippets are documents of what encoding/xml reads, and what it does
// not.
var xmlSnippets = []string{
	``,
	`<a/>`,
	`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<a b="1" c='2'>t</a>`,
	`<?xml version='1.0' encoding='utf-8'?><a/>`,
	`<?xml version="1.1"?><a/>`,
	`<?xml version="1.0" encoding="Shift_JIS"?><a/>`,
	`<?xml-stylesheet href="x"?><a/>`,
	`<? x?><a/>`,
	"\ufeff<a/>",
	`<x:a xmlns:x="urn:x" xmlns="urn:y" x:b="1" c="2"><x:c/></x:a>`,
	`<a:b:c/>`,
	`<a b:c:d="1"/>`,
	`<:a/>`,
	`<a: b="1"/>`,
	`<a b="1"c="2"/>`,
	`<a b="1" / >`,
	`<a b = "1" />`,
	`<a b/>`,
	`<a b=1/>`,
	`<a b="1/>`,
	`<a b="x>y"/>`,
	`<a b="x<y"/>`,
	`<a b="&lt;&gt;&amp;&apos;&quot;&#65;&#x42;"/>`,
	"<a b=\"x\r\ny\rz\tw\"/>",
	`<a>&lt;&gt;&amp;&apos;&quot;&#65;&#x42;&#x1F600;</a>`,
	`<a>&#xD800;&#0;</a>`,
	`<a>&#xD800;</a>`,
	`<a>&#x110000;</a>`,
	`<a>&#x0000000041;</a>`,
	`<a>&#X41;</a>`,
	`<a>&#12a;</a>`,
	`<a>&#;</a>`,
	`<a>&nbsp;</a>`,
	`<a>&amp</a>`,
	`<a>& b</a>`,
	`<a>]]></a>`,
	`<a>]]&gt;</a>`,
	`<a b="]]>"/>`,
	"<a>x\r\ny\rz</a>",
	"<a>x\r<![CDATA[\ny]]></a>",
	"<a>\x01</a>",
	"<a>\xff</a>",
	"<a>\xef\xbf\xbe</a>",
	`<a><![CDATA[<&>]]]]><![CDATA[>]]></a>`,
	`<a><![CDATA[x</a>`,
	`<a><!-- <b> -- --></a>`,
	`<a><!-- x</a>`,
	`<!DOCTYPE a><a/>`,
	`<a><!ELEMENT a></a>`,
	`<a>`,
	`<a></b>`,
	`</a>`,
	`<a></a></a>`,
	`<a></a><b/>text`,
	`<a></a >`,
	`<a></ a>`,
	`<a></a x>`,
	`<1a/>`,
	`<-a/>`,
	`<a-1._:b/>`,
	`<あ い="う">え</あ>`,
	`< a/>`,
	`<a>text`,
	`<`,
	`<a b="1"`,
	`<sst count="1"><si><r><t xml:space="preserve"> x </t></r><rPh sb="0"><t>ふ</t></rPh></si></sst>`,
}

func TestXMLScannerSnippets(t *testing.T) {
	for _, doc := range xmlSnippets {
		checkScanner(t, fmt.Sprintf("%q", doc), []byte(doc))
	}
}

// TestXMLScannerParts compares the scanner with encoding/xml on every XML
// part of every workbook of the fixtures and the corpus.
func TestXMLScannerParts(t *testing.T) {
	var paths []string
	for _, pattern := range []string{"../fixtures/*/*.xlsx", corpusDir + "/xlsx/*", corpusDir + "/xlsx-hostile/*"} {
		p, _ := filepath.Glob(pattern)
		paths = append(paths, p...)
	}
	parts, bytesRead := 0, 0
	for _, path := range paths {
		zr, err := zip.OpenReader(path)
		if err != nil {
			continue // not a zip archive: a hostile file
		}
		for _, f := range zr.File {
			if !strings.HasSuffix(f.Name, ".xml") && !strings.HasSuffix(f.Name, ".rels") {
				continue
			}
			rc, err := f.Open()
			if err != nil {
				continue
			}
			data, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				continue
			}
			checkScanner(t, filepath.Base(path)+":"+f.Name, data)
			parts++
			bytesRead += len(data)
		}
		zr.Close()
	}
	t.Logf("%d parts of %d workbooks, %s", parts, len(paths), byteSize(int64(bytesRead)))
}

func FuzzXMLScanner(f *testing.F) {
	for _, doc := range xmlSnippets {
		f.Add([]byte(doc))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkScanner(t, fmt.Sprintf("%q", data), data)
	})
}

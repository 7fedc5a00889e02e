package pdf

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
)

// A testPDF is a PDF file that a test writes object by object: the
// hostile files no producer writes, made in the test rather than kept as
// binaries. Object 1 is the catalog.
type testPDF struct {
	buf  bytes.Buffer
	offs map[int]int // where each object starts
}

func newTestPDF() *testPDF {
	w := &testPDF{offs: map[int]int{}}
	w.buf.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	return w
}

// obj writes object n.
func (w *testPDF) obj(n int, body string) {
	w.offs[n] = w.buf.Len()
	fmt.Fprintf(&w.buf, "%d 0 obj\n%s\nendobj\n", n, body)
}

// stream writes object n, a stream of data whose dictionary has the
// entries dict besides /Length.
func (w *testPDF) stream(n int, dict string, data []byte) {
	w.offs[n] = w.buf.Len()
	fmt.Fprintf(&w.buf, "%d 0 obj\n<< %s /Length %d >>\nstream\n", n, dict, len(data))
	w.buf.Write(data)
	w.buf.WriteString("\nendstream\nendobj\n")
}

// onePage writes the catalog (1), the page tree (2) and its one page (3),
// whose content is object 4 and whose resources are res.
func (w *testPDF) onePage(res string) {
	w.obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
	w.obj(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	w.obj(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Contents 4 0 R /Resources << "+res+" >> >>")
}

// size returns one more than the greatest object number written.
func (w *testPDF) size() int {
	size := 0
	for n := range w.offs {
		size = max(size, n+1)
	}
	return size
}

// file ends the file with a cross-reference table and its trailer.
func (w *testPDF) file() []byte {
	size := w.size()
	start := w.buf.Len()
	fmt.Fprintf(&w.buf, "xref\n0 %d\n0000000000 65535 f \n", size)
	for n := 1; n < size; n++ {
		if off, ok := w.offs[n]; ok {
			fmt.Fprintf(&w.buf, "%010d 00000 n \n", off)
		} else {
			w.buf.WriteString("0000000000 65535 f \n")
		}
	}
	fmt.Fprintf(&w.buf, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", size, start)
	return w.buf.Bytes()
}

// fileXRefStream ends the file with a cross-reference stream (object
// xref), in which the objects of in are compressed: in gives the object
// stream and the index in it of each. With pad, the stream is compressed
// with FlateDecode, and pad spaces follow its rows.
func (w *testPDF) fileXRefStream(t testing.TB, xref int, in map[int][2]int, pad int) []byte {
	t.Helper()
	w.offs[xref] = w.buf.Len()
	size := w.size()
	for n := range in {
		size = max(size, n+1)
	}
	var rows bytes.Buffer
	for n := range size {
		row := [7]byte{}
		if off, ok := w.offs[n]; ok {
			row[0] = 1
			binary.BigEndian.PutUint32(row[1:5], uint32(off))
		} else if c, ok := in[n]; ok {
			row[0] = 2
			binary.BigEndian.PutUint32(row[1:5], uint32(c[0]))
			binary.BigEndian.PutUint16(row[5:7], uint16(c[1]))
		}
		rows.Write(row[:])
	}
	dict, data := fmt.Sprintf("/Type /XRef /Size %d /W [1 4 2] /Root 1 0 R", size), rows.Bytes()
	if pad > 0 {
		dict, data = dict+" /Filter /FlateDecode", flate(t, pad, rows.String())
	}
	w.stream(xref, dict, data)
	fmt.Fprintf(&w.buf, "startxref\n%d\n%%%%EOF\n", w.offs[xref])
	return w.buf.Bytes()
}

// flate returns parts, one after the other, and then n spaces, compressed
// as FlateDecode (zlib at its best compression: a thousandfold for the
// spaces).
func flate(t testing.TB, n int, parts ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&buf, zlib.BestCompression)
	for _, p := range parts {
		zw.Write([]byte(p))
	}
	spaces := bytes.Repeat([]byte(" "), 1<<20)
	for ; n > 0; n -= len(spaces) {
		zw.Write(spaces[:min(n, len(spaces))])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// spaces returns n spaces compressed as FlateDecode, made once for all
// the tests that ask for n.
func spaces(t testing.TB, n int) []byte {
	t.Helper()
	spacesMu.Lock()
	defer spacesMu.Unlock()
	if b, ok := spacesOf[n]; ok {
		return b
	}
	spacesOf[n] = flate(t, n)
	return spacesOf[n]
}

var (
	spacesMu sync.Mutex
	spacesOf = map[int][]byte{}
)

// formsPDF returns a PDF whose one page draws n form XObjects (objects
// 10, 11, …), each of whose content is data, compressed with
// FlateDecode, and then draws the first again, again times.
func formsPDF(n, again int, data []byte) []byte {
	w := newTestPDF()
	var names, draws strings.Builder
	for i := range n {
		fmt.Fprintf(&names, "/X%d %d 0 R ", i, 10+i)
		fmt.Fprintf(&draws, "/X%d Do\n", i)
		w.stream(10+i, "/Type /XObject /Subtype /Form /BBox [0 0 600 800] /Filter /FlateDecode", data)
	}
	w.onePage("/XObject << " + names.String() + ">>")
	w.stream(4, "", []byte(draws.String()+strings.Repeat("/X0 Do\n", again)))
	return w.file()
}

// nestedFormsPDF returns a PDF whose one page draws form 10, which draws
// form 11 wide times, which draws form 12 wide times, and so on, deep
// forms in all: the last, drawn wide^(deep-1) times, has the content
// leaf. It is the "billion laughs" of PDF: a kilobyte that would draw a
// leaf a billion times (wide 10, deep 10).
func nestedFormsPDF(wide, deep int, leaf string) []byte {
	w := newTestPDF()
	for i := range deep {
		content, res := leaf, ""
		if i < deep-1 {
			content = strings.Repeat("/N Do ", wide)
			res = fmt.Sprintf("/Resources << /XObject << /N %d 0 R >> >>", 11+i)
		}
		w.stream(10+i, "/Type /XObject /Subtype /Form /BBox [0 0 600 800] "+res, []byte(content))
	}
	w.onePage("/XObject << /N 10 0 R >>")
	w.stream(4, "", []byte("/N Do"))
	return w.file()
}

// objectStreamPDF returns a PDF whose page tree (objects 2 and 3, and the
// catalog too with catalog) is in an object stream, object 5, whose
// content ends in n spaces, compressed with FlateDecode. The page's
// content is "0 0 m 100 0 l S".
func objectStreamPDF(t testing.TB, n int, catalog bool) []byte {
	t.Helper()
	objs := map[int]string{
		2: "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		3: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Contents 4 0 R >>",
	}
	w := newTestPDF()
	if catalog {
		objs[1] = "<< /Type /Catalog /Pages 2 0 R >>"
	} else {
		w.obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
	}
	w.stream(4, "", []byte("0 0 m 100 0 l S"))
	var prolog, body strings.Builder
	in := map[int][2]int{}
	for i, nr := range slices.Sorted(maps.Keys(objs)) {
		fmt.Fprintf(&prolog, "%d %d ", nr, body.Len())
		body.WriteString(objs[nr] + "\n")
		in[nr] = [2]int{5, i}
	}
	w.stream(5, fmt.Sprintf("/Type /ObjStm /N %d /First %d /Filter /FlateDecode", len(objs), prolog.Len()),
		flate(t, n, prolog.String(), body.String()))
	return w.fileXRefStream(t, 6, in, 0)
}

package pdf

import (
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/pdfcpu/pdfcpu/pkg/filter"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// A budget is what reading one file may still cost: it counts the bytes
// decoded from the file's streams against Limits.MaxDecoded, and carries
// the context whose end stops the read. Every loop of the reader that
// can run long (pages, content-stream tokens, form XObjects, inflating)
// asks it whether to go on.
type budget struct {
	ctx   context.Context
	max   int64 // Limits.MaxDecoded
	used  int64 // bytes counted so far
	err   error // why the read must stop, once the budget is spent
	ticks int   // steps of work, to look at ctx every tickCheck of them
}

// tickCheck is how many steps of work (tokens of a content stream) go
// between two looks at the context: some 100 µs of work, where a look
// costs a lock.
const tickCheck = 1024

// newBudget returns the budget of a file read until ctx is done, that may
// decode limit bytes.
func newBudget(ctx context.Context, limit int64) *budget {
	return &budget{ctx: ctx, max: limit}
}

// spend counts n bytes decoded (or drawn again, for a form XObject). Once
// more than max bytes are counted, it and every later call return an
// error wrapping ErrTooLarge and ErrDecodeLimit.
func (b *budget) spend(n int) error {
	if b.err != nil {
		return b.err
	}
	if b.used += int64(n); b.used > b.max {
		b.err = fmt.Errorf("%w: %w (%d bytes)", ErrTooLarge, ErrDecodeLimit, b.max)
	}
	return b.err
}

// left returns the bytes that may still be decoded.
func (b *budget) left() int64 { return max(b.max-b.used, 0) }

// tick counts one step of work and returns why the read must stop, if
// it must: the budget spent, or, looked at every tickCheck steps, the
// context done.
func (b *budget) tick() error {
	if b.err != nil {
		return b.err
	}
	if b.ticks++; b.ticks%tickCheck == 0 {
		return b.ctx.Err()
	}
	return nil
}

// decode returns the decoded bytes of the stream sd, as pdfcpu's
// StreamDict.Decode would give them (a Flate stream cut short gives what
// it held), and counts them, the output of each filter of its pipeline in
// turn. A filter's output is limited while it is decoded to what is left
// of the budget, and to maxStream: a stream that inflates past either
// stops there, never allocated whole (the limit is ErrDecodeLimit when it
// is the budget's). Each filter reads its input through a reader that
// stops when the context is done, so that inflating stops with it.
// Image filters (DCT, JPX, JBIG2, CCITT fax) are not decoded: what comes
// out of the filters before them is the stream's bytes.
func (b *budget) decode(sd *types.StreamDict, maxStream int64) ([]byte, error) {
	if err := b.ctx.Err(); err != nil {
		return nil, err
	}
	fpl := sd.FilterPipeline
	if sd.Content != nil || len(fpl) == 0 || imageFilter(fpl[0].Name) {
		// Nothing to decode (pdfcpu gives an empty stream its raw bytes
		// as its content): the bytes the reader works on count.
		data := sd.Raw
		if sd.Content != nil {
			data = sd.Content
		}
		if err := b.spend(len(data)); err != nil {
			return nil, err
		}
		return data, nil
	}
	data := sd.Raw
	for i, f := range fpl {
		if imageFilter(f.Name) {
			break
		}
		limit := min(b.left(), maxStream)
		out, err := b.filter(f, data, limit)
		if errors.Is(err, filter.ErrDecodeLimitExceeded) && limit == b.left() {
			return nil, b.spend(int(limit) + 1)
		}
		if err != nil {
			return nil, fmt.Errorf("stream filter[%d] %q: %w", i, f.Name, err)
		}
		if err := b.spend(len(out)); err != nil {
			return nil, err
		}
		data = out
	}
	return data, nil
}

// filter decodes data with one filter, into no more than limit bytes
// (filter.ErrDecodeLimitExceeded past them). FlateDecode without a
// predictor, the filter of nearly every stream and of every decompression
// bomb, is inflated here; the others, pdfcpu's filters decode.
func (b *budget) filter(f types.PDFFilter, data []byte, limit int64) ([]byte, error) {
	parms := decodeParms(f.DecodeParms)
	if f.Name == filter.Flate && parms["Predictor"] <= 1 {
		out, err := inflate(b.ctx, data, limit)
		if err != nil {
			return nil, fmt.Errorf("decode: %w", err)
		}
		return out, nil
	}
	fi, err := filter.NewFilter(f.Name, parms, max(limit, 1)) // 0 would be pdfcpu's default
	if err != nil {
		return nil, fmt.Errorf("construct: %w", err)
	}
	r, err := fi.Decode(ctxReader{b.ctx, bytes.NewReader(data)})
	if err != nil {
		return nil, fmt.Errorf("decode: %w", err)
	}
	return decoded(r, limit)
}

// inflate decodes zlib data as pdfcpu's FlateDecode does, data cut short
// giving what it held, but reads no more than limit bytes and one: a
// stream that inflates past limit stops there, having allocated that
// much and no more, with filter.ErrDecodeLimitExceeded. What it inflates
// goes into chunks that grow to 1 MiB, joined at the end: at most twice
// the bytes decoded are held at once, where a doubling buffer holds
// three times. It stops when ctx is done.
func inflate(ctx context.Context, data []byte, limit int64) ([]byte, error) {
	zr, err := zlib.NewReader(ctxReader{ctx, bytes.NewReader(data)})
	if err != nil {
		return nil, err
	}
	r := io.LimitReader(zr, limit+1)
	var chunks [][]byte
	chunk := make([]byte, 0, 4<<10)
	n := 0
	for {
		if len(chunk) == cap(chunk) {
			chunks = append(chunks, chunk)
			chunk = make([]byte, 0, min(2*cap(chunk), 1<<20))
		}
		m, err := r.Read(chunk[len(chunk):cap(chunk)])
		chunk, n = chunk[:len(chunk)+m], n+m
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			break
		}
		if errors.Is(err, zlib.ErrChecksum) {
			return nil, fmt.Errorf("flate decode: %w", err)
		}
		if err != nil {
			return nil, err
		}
	}
	if int64(n) > limit {
		return nil, filter.ErrDecodeLimitExceeded
	}
	out := make([]byte, 0, n)
	for _, c := range chunks {
		out = append(out, c...)
	}
	return append(out, chunk...), nil
}

// imageFilter reports whether the filter decodes an image, which the
// reader never needs, or cannot decode.
func imageFilter(name string) bool {
	switch name {
	case filter.DCT, filter.JPX, filter.JBIG2, filter.CCITTFax:
		return true
	}
	return false
}

// decodeParms returns a filter's /DecodeParms as pdfcpu's filters take
// them: the integer and boolean entries (true as 1).
func decodeParms(d types.Dict) map[string]int {
	m := map[string]int{}
	for k, v := range d {
		switch v := v.(type) {
		case types.Integer:
			m[k] = v.Value()
		case types.Boolean:
			if v.Value() {
				m[k] = 1
			} else {
				m[k] = 0
			}
		}
	}
	return m
}

// decoded returns the bytes a filter decoded, no more than limit and one:
// those of the bytes.Buffer that pdfcpu's filters return, as they are,
// or what r reads.
func decoded(r io.Reader, limit int64) ([]byte, error) {
	if buf, ok := r.(*bytes.Buffer); ok {
		return buf.Bytes(), nil
	}
	return io.ReadAll(io.LimitReader(r, limit+1))
}

// A ctxReader reads from r until ctx is done, and then fails with ctx's
// error.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

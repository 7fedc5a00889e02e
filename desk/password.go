package desk

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// The cost of a new password hash: RFC 9106's second recommended option
// for argon2id (64 MiB, three passes), on two threads.
const (
	hashMemory  = 64 * 1024 // KiB
	hashTime    = 3
	hashThreads = 2
	saltBytes   = 16
	keyBytes    = 32
)

// Bounds on the cost a hash may ask for, so that a hash edited by hand
// cannot make each login take the machine's memory or minutes.
const (
	maxMemory  = 1024 * 1024 // KiB: 1 GiB
	maxTime    = 100
	maxThreads = 64
)

// ErrPasswordHash says that desk_password_hash is not a hash HashPassword
// wrote.
var ErrPasswordHash = errors.New("not an argon2id password hash")

// HashPassword returns the argon2id hash of password, with a new random
// salt, in the PHC string form the config keeps
// ($argon2id$v=19$m=65536,t=3,p=2$salt$key).
func HashPassword(password string) (string, error) {
	salt := make([]byte, saltBytes)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("hash the password: %w", err)
	}
	h := passwordHash{memory: hashMemory, time: hashTime, threads: hashThreads, salt: salt}
	h.key = h.derive(password, keyBytes)
	return h.String(), nil
}

// A passwordHash is an argon2id hash and the parameters it was made with.
type passwordHash struct {
	memory    uint32 // KiB
	time      uint32
	threads   uint8
	salt, key []byte
}

// parsePasswordHash reads the PHC string form of an argon2id hash.
func parsePasswordHash(s string) (passwordHash, error) {
	var h passwordHash
	parts := strings.Split(s, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" || parts[2] != "v=19" {
		return h, ErrPasswordHash
	}
	var threads uint32
	if n, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &h.memory, &h.time, &threads); err != nil || n != 3 ||
		fmt.Sprintf("m=%d,t=%d,p=%d", h.memory, h.time, threads) != parts[3] {
		return h, fmt.Errorf("%w: parameters %q", ErrPasswordHash, parts[3])
	}
	if h.time < 1 || h.time > maxTime || threads < 1 || threads > maxThreads || h.memory < 8*threads || h.memory > maxMemory {
		return h, fmt.Errorf("%w: parameters %q out of bounds", ErrPasswordHash, parts[3])
	}
	h.threads = uint8(threads)
	var err error
	if h.salt, err = base64.RawStdEncoding.DecodeString(parts[4]); err != nil || len(h.salt) < 8 {
		return h, fmt.Errorf("%w: salt", ErrPasswordHash)
	}
	if h.key, err = base64.RawStdEncoding.DecodeString(parts[5]); err != nil || len(h.key) < 16 || len(h.key) > 64 {
		return h, fmt.Errorf("%w: key", ErrPasswordHash)
	}
	return h, nil
}

// String returns the hash in its PHC string form.
func (h passwordHash) String() string {
	return fmt.Sprintf("$argon2id$v=19$m=%d,t=%d,p=%d$%s$%s", h.memory, h.time, h.threads,
		base64.RawStdEncoding.EncodeToString(h.salt), base64.RawStdEncoding.EncodeToString(h.key))
}

// derive computes the key of password with the hash's parameters.
func (h passwordHash) derive(password string, n int) []byte {
	return argon2.IDKey([]byte(password), h.salt, h.time, h.memory, h.threads, uint32(n))
}

// matches reports whether password is the one hashed, in time that does
// not depend on where the keys differ.
func (h passwordHash) matches(password string) bool {
	return subtle.ConstantTimeCompare(h.derive(password, len(h.key)), h.key) == 1
}

package output

import (
	"crypto/sha256"
	"encoding/hex"
	"path"
	"strings"
)

// Fingerprint returns path with a hash of body inserted before its
// extension, so the file can be cached forever and a change gets a new URL:
// "css/main.css" becomes "css/main.1a2b3c4d.css". The hash is the first 8 hex
// digits of body's SHA-256 (hardware-accelerated, and assets are few).
// A name without an extension gets the hash appended: "LICENSE.1a2b3c4d".
func Fingerprint(p string, body []byte) string {
	sum := sha256.Sum256(body)
	hash := hex.EncodeToString(sum[:4])
	dir, file := path.Split(p)
	ext := path.Ext(file)
	if ext == file { // ".htaccess" is a name, not an extension
		ext = ""
	}
	return dir + strings.TrimSuffix(file, ext) + "." + hash + ext
}

#!/usr/bin/env python3
"""Checks a macOS release file without a Mac: a 64-bit Mach-O executable of the expected CPU
whose ad-hoc code signature is valid. It parses LC_CODE_SIGNATURE, finds the CodeDirectory in the
signature's SuperBlob, and recomputes every page hash of the code it covers (and the hashes of the
special slots whose blobs are present), as the macOS kernel checks a page when it maps it.
Usage: check-macho.py FILE arm64|x86_64  -- exit 0 and one summary line when all holds."""
import hashlib
import struct
import sys

CPU = {"arm64": 0x0100000C, "x86_64": 0x01000007}
MH_MAGIC_64 = 0xFEEDFACF
MH_EXECUTE = 2
LC_CODE_SIGNATURE = 0x1D
SUPERBLOB = 0xFADE0CC0
CODEDIRECTORY = 0xFADE0C02
CS_ADHOC = 0x2
HASHES = {1: hashlib.sha1, 2: hashlib.sha256}


def fail(message):
    print(f"check-macho: {message}", file=sys.stderr)
    sys.exit(1)


def main(path, arch):
    data = open(path, "rb").read()
    magic, cputype, _, filetype, ncmds, _, _, _ = struct.unpack_from("<8I", data, 0)
    if magic != MH_MAGIC_64:
        fail(f"{path} is not a 64-bit Mach-O file (magic {magic:#x})")
    if cputype != CPU[arch]:
        fail(f"{path} is for CPU type {cputype:#x}, not {arch} ({CPU[arch]:#x})")
    if filetype != MH_EXECUTE:
        fail(f"{path} is Mach-O file type {filetype}, not an executable")

    offset, signature = 32, None
    for _ in range(ncmds):
        cmd, size = struct.unpack_from("<2I", data, offset)
        if cmd == LC_CODE_SIGNATURE:
            signature = struct.unpack_from("<2I", data, offset + 8)
        offset += size
    if signature is None:
        fail(f"{path} has no LC_CODE_SIGNATURE: it is not signed, and macOS on arm64 refuses to run it")
    sig_offset, sig_size = signature
    if sig_offset + sig_size > len(data):
        fail(f"the signature ({sig_offset}+{sig_size}) runs past the end of the file ({len(data)})")

    magic, _, count = struct.unpack_from(">3I", data, sig_offset)
    if magic != SUPERBLOB:
        fail(f"the signature is not an embedded-signature SuperBlob (magic {magic:#x})")
    blobs = {}
    for i in range(count):
        slot, blob_offset = struct.unpack_from(">2I", data, sig_offset + 12 + 8 * i)
        start = sig_offset + blob_offset
        blob_length = struct.unpack_from(">I", data, start + 4)[0]
        blobs[slot] = data[start:start + blob_length]
    directory = blobs.get(0)
    if directory is None or struct.unpack_from(">I", directory, 0)[0] != CODEDIRECTORY:
        fail("the signature has no CodeDirectory")

    (_, _, version, flags, hash_offset, ident_offset, special_slots, code_slots, code_limit,
     hash_size, hash_type, _, page_log2) = struct.unpack_from(">9I4B", directory, 0)
    if hash_type not in HASHES:
        fail(f"unknown hash type {hash_type}")
    digest = HASHES[hash_type]
    if code_limit != sig_offset:
        fail(f"the signature covers {code_limit} bytes, not the whole file before it ({sig_offset})")
    page = 1 << page_log2 if page_log2 else code_limit
    expected_slots = (code_limit + page - 1) // page
    if code_slots != expected_slots:
        fail(f"{code_slots} page hashes for {expected_slots} pages")
    for i in range(code_slots):
        stored = directory[hash_offset + i * hash_size: hash_offset + (i + 1) * hash_size]
        actual = digest(data[i * page: min((i + 1) * page, code_limit)]).digest()[:hash_size]
        if stored != actual:
            fail(f"page {i} (bytes {i * page}..) does not match its hash: the file was changed after signing")
    for n in range(1, special_slots + 1):
        stored = directory[hash_offset - n * hash_size: hash_offset - (n - 1) * hash_size]
        if n in blobs and any(stored):
            if digest(blobs[n]).digest()[:hash_size] != stored:
                fail(f"special slot {n} does not match its blob")
    identifier = directory[ident_offset:directory.index(b"\0", ident_offset)].decode()
    kind = "ad-hoc" if flags & CS_ADHOC else "signed"
    print(f"{path}: Mach-O {arch} executable, {kind} signature '{identifier}' (CodeDirectory v{version:#x}, "
          f"{code_slots} pages of {page} bytes, {digest().name}) valid")


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[2] not in CPU:
        fail("usage: check-macho.py FILE arm64|x86_64")
    main(sys.argv[1], sys.argv[2])

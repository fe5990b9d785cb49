#!/usr/bin/env bash
# Regenerates the test-only TLS material used by TestTls (never used outside the tests).
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 36500 -subj "/CN=Crochet Test CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"

issue() { # name subjectAltName startdate enddate
    openssl req -newkey rsa:2048 -nodes -keyout "$1.key" -out "$work/$1.csr" -subj "/CN=$1"
    cat > "$work/$1.ext" <<EXT
basicConstraints=CA:FALSE
subjectAltName=$2
extendedKeyUsage=serverAuth
EXT
    mkdir -p "$work/ca/newcerts"; touch "$work/ca/index.txt"; echo 01 > "$work/ca/serial"
    cat > "$work/ca.cnf" <<CNF
[ca]
default_ca = test
[test]
dir = $work/ca
database = \$dir/index.txt
new_certs_dir = \$dir/newcerts
serial = \$dir/serial
default_md = sha256
policy = anything
unique_subject = no
copy_extensions = none
[anything]
commonName = supplied
CNF
    openssl ca -batch -config "$work/ca.cnf" -cert ca.pem -keyfile ca.key -in "$work/$1.csr" -out "$work/$1.full" \
        -startdate "$3" -enddate "$4" -extfile "$work/$1.ext" -notext
    openssl x509 -in "$work/$1.full" -out "$1.pem"
    rm -rf "$work/ca"
}

issue server "IP:127.0.0.1,DNS:localhost" 20260101000000Z 21260101000000Z
issue expired "IP:127.0.0.1,DNS:localhost" 20200101000000Z 20210101000000Z
issue wronghost "DNS:wrong.crochet.invalid" 20260101000000Z 21260101000000Z
openssl req -x509 -newkey rsa:2048 -nodes -keyout selfsigned.key -out selfsigned.pem -days 36500 \
    -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1"
rm -f ca.key

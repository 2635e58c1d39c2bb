# Shared by scripts/*.sh: the Debian packages the project needs and a way to install the missing
# ones. Source it; it changes nothing by itself.

# To build and run the server.
DH_BUILD_PACKAGES=(
  g++ cmake ninja-build ccache pkg-config
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libssl-dev libsqlite3-dev libsodium-dev libspdlog-dev libcli11-dev
)
# To build and run the tests (Node.js runs DeviceHive's own npm clients; mosquitto_pub and
# mosquitto_sub are real MQTT clients for tests/integration/mqtt_real_clients_test.cpp).
DH_TEST_PACKAGES=(googletest libgtest-dev mosquitto-clients)
# To benchmark.
DH_BENCH_PACKAGES=(wrk curl util-linux nginx-light)

dh_log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# Installs the named Debian packages that are not installed yet.
dh_ensure_packages() {
  local missing=()
  local package
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
      missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  dh_log "installing ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "need root (or sudo) to install: ${missing[*]}" >&2; return 1; }
    sudo=(sudo)
  fi
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

# Node.js and npm: the machine's own when present (any version >= 18), else Debian's.
dh_ensure_node() {
  if command -v node >/dev/null && command -v npm >/dev/null; then
    local major
    major=$(node -p 'process.versions.node.split(".")[0]')
    [ "$major" -ge 18 ] && return 0
  fi
  dh_ensure_packages nodejs npm
}

# dh_port_open <port>: whether something listens on 127.0.0.1:<port>.
dh_port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

#!/usr/bin/env bash
# Builds the function app's publish output (ReadyToRun, for shorter cold starts) and publishes it with Core Tools.
#
#   eng/publish.sh <function-app-name> [--output <dir>]    build, then `func azure functionapp publish` from the output
#   eng/publish.sh --output-only <dir>                     build only (what the tests run)
#
# Needs the .NET SDK; publishing also needs Azure Functions Core Tools (func) and the Azure CLI (az), signed in.
set -euo pipefail

usage() {
  sed -n '4,5p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
app_name=""
output=""
output_only=false

while [[ $# -gt 0 ]]; do
  case "$1" in
    --output-only)
      [[ $# -ge 2 ]] || usage
      output_only=true
      output="$2"
      shift 2
      ;;
    --output)
      [[ $# -ge 2 ]] || usage
      output="$2"
      shift 2
      ;;
    -h | --help)
      usage
      ;;
    -*)
      echo "publish.sh: unknown option '$1'." >&2
      usage
      ;;
    *)
      [[ -z "$app_name" ]] || usage
      app_name="$1"
      shift
      ;;
  esac
done

if [[ "$output_only" == false && -z "$app_name" ]]; then
  echo "publish.sh: give the function app name (the functionAppName output of infra/main.bicep)." >&2
  usage
fi

if [[ "$output_only" == false ]]; then
  if ! command -v func > /dev/null 2>&1; then
    echo "publish.sh: 'func' (Azure Functions Core Tools 4.x) is not on PATH. Install it: https://learn.microsoft.com/azure/azure-functions/functions-run-local" >&2
    exit 3
  fi
  if ! command -v az > /dev/null 2>&1; then
    echo "publish.sh: 'az' (Azure CLI) is not on PATH; func publishes with its sign-in. Install it and run 'az login': https://learn.microsoft.com/cli/azure/install-azure-cli" >&2
    exit 3
  fi
fi

if ! command -v dotnet > /dev/null 2>&1; then
  echo "publish.sh: 'dotnet' (the .NET 10 SDK) is not on PATH." >&2
  exit 3
fi

output="${output:-$(mktemp -d)}"
mkdir -p "$output"
output="$(cd "$output" && pwd)"

dotnet publish "$repo_root/src/DelegationFunctions/DelegationFunctions.csproj" \
  -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$output"

for required in host.json worker.config.json functions.metadata; do
  if [[ ! -f "$output/$required" ]]; then
    echo "publish.sh: the publish output $output lacks $required; func would deploy an app that does not start." >&2
    exit 1
  fi
done

if [[ "$output_only" == true ]]; then
  echo "Publish output in $output"
  exit 0
fi

# func zips the folder it runs in (the first one upward with host.json): run it in the publish output.
cd "$output"
func azure functionapp publish "$app_name" --dotnet-isolated --no-build

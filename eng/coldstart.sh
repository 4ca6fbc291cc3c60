#!/usr/bin/env bash
# Cold start: worker start to the first 200 for /.well-known/matrix/server (Host: example.com) under the Functions host
# harness, as on a Flex instance scaled from zero. The function app keyless (managed identity stand-in, https Azurite
# with --oauth basic), keyless with AZURE_TOKEN_CREDENTIALS=ManagedIdentityCredential, and with a connection string,
# against tests/ConstantFunctionApp; both apps from their ReadyToRun publish output, as eng/publish.sh deploys the
# function app. ROUNDS interleaved rounds (each variant once per round, the order rotated), medians and ratios.
#
#   eng/coldstart.sh                                  # ROUNDS=9
#   BASELINE_APP=<folder> eng/coldstart.sh            # also another publish output of the function app, in the same rounds
source "$(dirname "$0")/perf-lib.sh"

ROUNDS="${ROUNDS:-9}"

build_release
echo "Publishing both apps ReadyToRun..."
"$ROOT/eng/publish.sh" --output-only "$WORK/function" >/dev/null
dotnet publish "$ROOT/tests/ConstantFunctionApp" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  -o "$WORK/constant" -v quiet -nologo >/dev/null
azurite_install
dotnet "$BENCH_DLL" coldstart "$AZURITE_FOLDER/node_modules/.bin/azurite" "$AZURITE_PORT" "$WORK/function" "$WORK/constant" "$ROUNDS" \
  ${BASELINE_APP:+"$BASELINE_APP"}

#!/usr/bin/env bash
# Checks a built single-user image the way a student meets it: as jovyan (uid 1000), two course notebooks are run
# with nbconvert inside the image, and every printed output is compared with the stored, PyTorch-checked one
# (object addresses and the split of stdout into chunks aside: both differ from run to run, as in PyTorch). Also
# checks that the kernel wrote nothing under ~/.javacpp (ND4J's natives come from the installation).
#
#   hub/check_image.sh [IMAGE]              # docker, or podman if there is no docker (CONTAINER=podman to choose)
#   hub/check_image.sh --chroot [IMAGE]     # podman's storage, run through chroot: for machines whose container
#                                           # runtime cannot start containers (e.g. no setrlimit in a sandbox)
# Build first: docker build -f hub/Dockerfile -t gradbook-singleuser .   (README, "Teaching on JupyterHub")
set -euo pipefail
mode=run
if [ "${1:-}" = "--chroot" ]; then mode=chroot; shift; fi
image="${1:-gradbook-singleuser}"
engine="${CONTAINER:-$(command -v docker >/dev/null && echo docker || echo podman)}"

# what runs inside the image, as jovyan
inner='set -e
cd "$HOME"
for nb in 003-autograd-tutorial 006-custom-functions-jacobians-forward-mode; do
  cp /opt/gradbook/notebooks/$nb.ipynb .
  jupyter nbconvert --to notebook --execute --ExecutePreprocessor.timeout=600 $nb.ipynb --output $nb.out.ipynb >/dev/null 2>&1
  python3 - "$nb" <<"PY"
import json, re, sys
nb = sys.argv[1]
def outputs(path):
    cells = []
    for c in json.load(open(path))["cells"]:
        if c["cell_type"] != "code":
            continue
        text = ""
        for o in c.get("outputs", []):
            if o["output_type"] == "stream":
                text += "".join(o["text"])
            elif o["output_type"] in ("execute_result", "display_data"):
                text += "\n[%s] " % o["output_type"] + "".join(o["data"].get("text/plain", ""))
            elif o["output_type"] == "error":
                text += "\n[error] " + o["ename"]
        cells.append(re.sub(r"0x[0-9a-f]+", "0x?", text))
    return cells
stored, now = outputs("/opt/gradbook/notebooks/%s.ipynb" % nb), outputs("%s.out.ipynb" % nb)
differ = [i for i, (a, b) in enumerate(zip(stored, now)) if a != b]
print("%s: %d code cells, %d as stored%s" % (nb, len(stored), len(stored) - len(differ), "" if not differ else ", differ: %s" % differ))
sys.exit(1 if differ or len(stored) != len(now) else 0)
PY
done
if [ -e "$HOME/.javacpp" ]; then echo "the kernel unpacked natives into ~/.javacpp"; exit 1; fi
echo "image OK: notebooks as stored, no ~/.javacpp"'

if [ "$mode" = run ]; then
  exec "$engine" run --rm --entrypoint bash "$image" -c "$inner"
fi
# chroot: the image's file system from podman's storage, /proc and /dev of the host, in a private mount namespace
ctr="$(podman create "$image" true)"
trap 'podman umount "$ctr" >/dev/null 2>&1; podman rm -f "$ctr" >/dev/null 2>&1' EXIT
root="$(podman mount "$ctr")"
printf '%s\n' "$inner" > "$root/tmp/check-image-inner.sh"
chmod 1777 "$root/tmp"
unshare -m --propagation private sh -c "mount -t proc proc '$root/proc' && mount --rbind /dev '$root/dev' && chroot '$root' su -s /bin/bash jovyan -c 'bash /tmp/check-image-inner.sh'"

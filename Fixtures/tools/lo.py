"""Run LibreOffice headless with a private, throw-away profile."""

import os
import shutil
import subprocess
import tempfile


def convert(src, fmt, outdir, env_extra=None):
    """soffice --headless --convert-to FMT SRC --outdir OUTDIR; returns the
    path LibreOffice wrote. OUTDIR should hold no file of the target type:
    the CSV filter names its file after the sheet in some modes."""
    before = set(os.listdir(outdir))
    profile = tempfile.mkdtemp(prefix="texto-lo-profile-")
    env = dict(os.environ)
    env.update(env_extra or {})
    try:
        cmd = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
               "--norestore", "--convert-to", fmt, "--outdir", outdir, src]
        r = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=180)
        if r.returncode != 0:
            raise RuntimeError(f"soffice failed: {r.stdout}{r.stderr}")
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    ext = fmt.split(":")[0]
    out = os.path.join(outdir, os.path.splitext(os.path.basename(src))[0] + "." + ext)
    if os.path.exists(out):
        return out
    new = sorted(set(os.listdir(outdir)) - before)
    if len(new) != 1:
        raise RuntimeError(f"soffice wrote {new}: {r.stdout}{r.stderr}")
    return os.path.join(outdir, new[0])

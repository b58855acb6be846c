"""A learner's kernel in a sandbox made by bubblewrap (``bwrap``, Debian package bubblewrap).

Each kernel sees the system, the Python environment and the course read-only; its only
writable place is a private temporary folder, its working folder, HOME and TMPDIR. It has no
network (the grader talks to it over Unix sockets in a folder bound into the sandbox), its
own process namespace (it dies with the grader's worker and cannot signal it), and limits on
memory, processes, file size and CPU time. The hidden cases, the other learners'
submissions and the grader's output are not in its view. When the grader runs as root, each
kernel runs as an unprivileged user of its own, so that the process limit holds.
"""
import glob
import os
import shutil
import signal
import subprocess
import sys
import tempfile

from jupyter_client.kernelspec import KernelSpec
from jupyter_client.manager import AsyncKernelManager

from .contract import CHECKING_THREADS, ROOT, blas_threads

BWRAP, SETPRIV, PRLIMIT = "bwrap", "setpriv", "prlimit"
MEMORY = 6 * 2**30  # bytes of address space of a kernel (a chapter needs under 2)
PROCESSES = 64  # processes and threads of a kernel's user (ipykernel runs about 10 threads)
FILE_SIZE = 2**30  # bytes of any one file a kernel writes
UID_BASE = 2_000_000_000  # + the worker's process id: a user of its own for each kernel
SYSTEM = ("/usr", "/etc", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")


def unavailable():
    """None when sandboxed kernels can start here, else the reason, in a few words."""
    if not sys.platform.startswith("linux"):
        return f"bubblewrap sandboxes need Linux, this is {sys.platform}"
    tools = [BWRAP, PRLIMIT] + ([SETPRIV] if os.geteuid() == 0 else [])
    for tool in tools:
        if shutil.which(tool) is None:
            return f"{tool} is not installed (apt-get install bubblewrap util-linux)"
    probe = [BWRAP, *_namespaces(), *_system(), "--", "/bin/true"]
    try:
        done = subprocess.run(probe, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"bwrap could not start: {error}"
    if done.returncode:
        return f"bwrap could not start: {(done.stderr.strip().splitlines() or ['no reason'])[0]}"
    return None


def _namespaces():
    user = [] if os.geteuid() == 0 else ["--unshare-user"]
    return ["--die-with-parent", "--new-session", "--unshare-pid", "--unshare-net",
            "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try", *user]


def _system():
    argv = []
    for path in SYSTEM:
        if os.path.islink(path):
            argv += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            argv += ["--ro-bind", path, path]
    return argv + ["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]


def python_path():
    """The folders a kernel imports from: the course first, then $PYTHONPATH's."""
    extra = [path for path in os.environ.get("PYTHONPATH", "").split(os.pathsep) if path]
    return [str(ROOT), *extra]


def _readable():
    """The folders bound read-only besides the system: Python, its packages, the course.

    Python and the course are bound wherever they are; other folders on the import path
    are left out when they lie in a temporary folder, which may hold other people's files.
    """
    needed = [sys.prefix, sys.base_prefix, sys.exec_prefix, str(ROOT)]
    candidates = [*sys.path, *python_path()]
    if os.environ.get("NNFS_DATA_DIR"):
        candidates.append(os.environ["NNFS_DATA_DIR"])
    temporary = [os.path.realpath(tempfile.gettempdir()), "/tmp"]
    candidates = [path for path in candidates if os.path.isabs(path)
                  and not _inside(os.path.realpath(path), temporary)]
    folders = sorted({os.path.realpath(path) for path in [*needed, *candidates]
                      if os.path.isabs(path) and os.path.isdir(path)})
    kept = []
    for folder in folders:
        if folder != "/" and not _inside(folder, [*SYSTEM, *kept]):
            kept.append(folder)
    return kept


def _inside(path, folders):
    return any(path == folder or path.startswith(folder.rstrip("/") + "/") for folder in folders)


class Sandbox:
    """The folders of one sandboxed kernel, and the command that starts it.

    `hide`: folders that must not be seen from the kernel (hidden cases, submissions,
    the gradebook). `seconds`: CPU time of the whole kernel.
    """

    def __init__(self, hide=(), seconds=3600):
        self.base = tempfile.mkdtemp(prefix="nnfs-grade-")
        self.home = os.path.join(self.base, "home")
        self.channel = os.path.join(self.base, "channel")
        os.mkdir(self.home)
        os.mkdir(self.channel)
        self.root = os.geteuid() == 0
        self.uid = UID_BASE + os.getpid() if self.root else os.getuid()
        os.chmod(self.base, 0o711)
        if self.root:
            os.chown(self.home, self.uid, self.uid)
            os.chmod(self.channel, 0o1777)  # the kernel makes its sockets, removes no other file
        self.owner = (self.uid, self.uid) if self.root else None
        self.hide, self.seconds = [os.path.realpath(path) for path in hide], seconds
        _copy_font_cache(os.path.join(self.home, ".matplotlib"), self.owner)

    def environment(self):
        return {"HOME": self.home, "TMPDIR": self.home, "LANG": "C.UTF-8",
                "PATH": f"{os.path.dirname(sys.executable)}:/usr/local/bin:/usr/bin:/bin",
                "PYTHONPATH": os.pathsep.join(python_path()), "PYTHONDONTWRITEBYTECODE": "1",
                "MPLCONFIGDIR": os.path.join(self.home, ".matplotlib"),
                "IPYTHONDIR": os.path.join(self.home, ".ipython"),
                "JUPYTER_RUNTIME_DIR": os.path.join(self.home, ".jupyter"),
                **{name: os.environ[name] for name in ["NNFS_DATA_DIR"] if name in os.environ},
                **blas_threads(CHECKING_THREADS)}

    def argv(self):
        """The kernel's command: bwrap, then (as root) setpriv, then prlimit, then ipykernel."""
        readable = _readable()
        argv = [BWRAP, *_namespaces(), *_system()]
        made = set()
        for folder in readable:
            argv += [*_parents(folder, made), "--ro-bind", folder, folder]
        for folder in self.hide:
            if os.path.isdir(folder) and _inside(folder, [*SYSTEM, *readable]):
                argv += ["--tmpfs", folder]
        argv += [*_parents(self.home, made), "--bind", self.home, self.home,
                 "--bind", self.channel, self.channel,
                 "--chdir", self.home, "--clearenv"]
        for name, value in self.environment().items():
            argv += ["--setenv", name, value]
        argv.append("--")
        if self.root:
            argv += [SETPRIV, f"--reuid={self.uid}", f"--regid={self.uid}", "--clear-groups",
                     "--inh-caps=-all", "--"]
        processes = PROCESSES if self.root else _tasks_of(self.uid) + PROCESSES
        argv += [PRLIMIT, f"--as={MEMORY}", f"--nproc={processes}", f"--fsize={FILE_SIZE}",
                 f"--cpu={int(self.seconds)}", "--core=0", "--",
                 sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
        return argv

    def kernel_manager(self):
        manager = SandboxedKernelManager(transport="ipc", ip=os.path.join(self.channel, "kernel"),
                                         connection_file=os.path.join(self.channel, "kernel.json"))
        manager.sandbox_argv = self.argv()
        self.manager = manager
        return manager

    def cleanup(self):
        """Stop the kernel (bwrap's end takes every process of the sandbox with it), remove
        the folders."""
        provisioner = getattr(getattr(self, "manager", None), "provisioner", None)
        process = getattr(provisioner, "process", None)
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()
        shutil.rmtree(self.base, ignore_errors=True)


class SandboxedKernelManager(AsyncKernelManager):
    """A kernel manager whose kernel spec is the sandbox's command. An interrupt is SIGINT to
    the kernel itself, two processes below bwrap (which would not pass it on)."""

    sandbox_argv = None

    @property
    def kernel_spec(self):
        return KernelSpec(argv=self.sandbox_argv, display_name="Python 3 (sandboxed)",
                          language="python")

    async def interrupt_kernel(self):
        process = getattr(self.provisioner, "process", None)
        pids = [process.pid] if process is not None else []
        for _ in range(2):  # bwrap, then bwrap's init in the new PID namespace, then the kernel
            pids = [child for pid in pids for child in _children(pid)]
        for pid in pids:
            try:
                os.kill(pid, signal.SIGINT)
            except OSError:
                pass

    def write_connection_file(self, **kwargs):
        super().write_connection_file(**kwargs)
        os.chmod(self.connection_file, 0o644)  # read by the kernel's own user


def _parents(path, made):
    """bwrap options that make the folders above `path` that another user may pass through."""
    argv, parent = [], os.path.dirname(path)
    chain = []
    while parent not in ("/", "") and not _inside(parent, SYSTEM):
        chain.append(parent)
        parent = os.path.dirname(parent)
    for folder in reversed(chain):
        if folder not in made:
            made.add(folder)
            argv += ["--perms", "0755", "--dir", folder]
    return argv


def _children(pid):
    """The process ids of a process's children."""
    found = []
    for path in glob.glob(f"/proc/{pid}/task/*/children"):
        try:
            with open(path, encoding="ascii") as file:
                found += [int(child) for child in file.read().split()]
        except OSError:
            pass
    return found


def _tasks_of(uid):
    """How many processes and threads the user `uid` runs now."""
    count = 0
    for task in glob.glob("/proc/[0-9]*/task/[0-9]*"):
        try:
            count += os.stat(task).st_uid == uid
        except OSError:
            pass
    return count


_font_cache = []


def _copy_font_cache(folder, owner):
    """Give the kernel matplotlib's font list, so that it does not rebuild it (seconds)."""
    if not _font_cache:
        try:
            import matplotlib
            cache = matplotlib.get_cachedir()
            _font_cache.extend(glob.glob(os.path.join(cache, "fontlist-*.json")))
        except Exception:  # noqa: BLE001 - no matplotlib, or no cache: the kernel builds one
            _font_cache.append(None)
    os.mkdir(folder)
    for path in filter(None, _font_cache):
        shutil.copy(path, folder)
    if owner is not None:
        for path in [folder, *glob.glob(os.path.join(folder, "*"))]:
            os.chown(path, *owner)

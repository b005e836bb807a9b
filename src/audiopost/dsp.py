"""The few filters mastering needs, in numpy alone: importing scipy.signal costs ~0.9 s of CPU.

Each function matches the scipy (or pyloudnorm) code named in its docstring (tests/test_dsp.py), and is at least
as fast. Matrix products are kept small enough for OpenBLAS to run them on the calling thread (see _matmul).
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

__all__ = ["TP_GAIN_BOUND", "SosFilter", "box_mean", "k_weighting", "sliding_min", "true_peak_4x", "true_peak_above"]


def _biquad(kind: str, gain_db: float, q: float, fc: float, rate: int) -> np.ndarray:
    """One RBJ-cookbook biquad ``[b0, b1, b2, 1, a1, a2]``, computed as pyloudnorm 0.2's IIRfilter does."""
    a = 10 ** (gain_db / 40.0)
    w0 = 2.0 * np.pi * (fc / rate)
    cos, alpha = np.cos(w0), np.sin(w0) / (2.0 * q)
    if kind == "high_shelf":
        b = [a * ((a + 1) + (a - 1) * cos + 2 * np.sqrt(a) * alpha), -2 * a * ((a - 1) + (a + 1) * cos),
             a * ((a + 1) + (a - 1) * cos - 2 * np.sqrt(a) * alpha)]
        den = [(a + 1) - (a - 1) * cos + 2 * np.sqrt(a) * alpha, 2 * ((a - 1) - (a + 1) * cos),
               (a + 1) - (a - 1) * cos - 2 * np.sqrt(a) * alpha]
    else:  # high pass
        b = [(1 + cos) / 2, -(1 + cos), (1 + cos) / 2]
        den = [1 + alpha, -2 * cos, 1 - alpha]
    return np.concatenate([np.array(b) / den[0], np.array(den) / den[0]])


def k_weighting(rate: int) -> np.ndarray:
    """BS.1770 K-weighting for ``rate`` as second-order sections (2, 6): pyloudnorm's shelf then high pass."""
    shelf = _biquad("high_shelf", 4.0, 1 / np.sqrt(2), 1500.0, rate)
    return np.array([shelf, _biquad("high_pass", 0.0, 0.5, 38.0, rate)])


def _matmul(a: np.ndarray, b: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """``a @ b`` in row slices small enough (m·n·k <= 2^18) for OpenBLAS to keep each on the calling thread.

    Threading these thin products gains little on 2 cores, and costs 5-50x when the other core is busy.
    """
    if out is None:
        out = np.empty((len(a), b.shape[1]), np.result_type(a.dtype, b.dtype))
    rows = max(1, _SMALL // (a.shape[1] * b.shape[1]))
    for i in range(0, len(a), rows):
        np.matmul(a[i : i + rows], b, out=out[i : i + rows])
    return out


_SMALL = 1 << 18


class SosFilter:
    """A cascade of biquads (``sos`` rows ``[b0, b1, b2, a0, a1, a2]``, as scipy) filtering a stream piece by piece.

    Equals ``scipy.signal.sosfilt(sos, whole_signal)`` whatever the pieces. The cascade is one state-space system
    (``state`` is scipy's ``zi``, flattened). Samples go in blocks of ``BLOCK``: a block's output is its zero-state
    response (a Toeplitz matrix product) plus the response to the state at its start; those states follow
    s[k+1] = F s[k] + c[k], solved in groups of ``GROUP`` with precomputed powers of F, the group starts being the
    same recurrence one level up. All float64 BLAS products, so exact to rounding (~1e-12 of the RMS).
    """

    BLOCK = 32
    GROUP = 16

    def __init__(self, sos: np.ndarray) -> None:
        sos = np.atleast_2d(np.asarray(sos, dtype=np.float64))
        if sos.ndim != 2 or sos.shape[1] != 6 or not np.all(sos[:, 3]):
            raise ValueError("sos must have shape (n, 6) with nonzero a0")
        sos = sos / sos[:, 3:4]
        d, n = 2 * len(sos), self.BLOCK
        a, b, c, dd = np.zeros((d, d)), np.zeros(d), np.zeros(d), 1.0
        for i, (b0, b1, b2, _, a1, a2) in enumerate(sos):  # transposed direct form II, fed the previous output
            j = 2 * i
            a[j] += (b1 - a1 * b0) * c
            a[j + 1] += (b2 - a2 * b0) * c
            a[j, j], a[j, j + 1], a[j + 1, j] = -a1, 1.0, -a2
            b[j], b[j + 1] = (b1 - a1 * b0) * dd, (b2 - a2 * b0) * dd
            c, dd = b0 * c, b0 * dd
            c[j] += 1.0
        self.a_pow = np.array([np.linalg.matrix_power(a, k) for k in range(n + 1)])  # A^0 .. A^n
        self.ab = self.a_pow[:n] @ b  # A^k B: the state, k samples after a unit input sample
        self.ca = c @ self.a_pow[:n]  # C A^k: the output, k samples after a unit state
        h = np.concatenate([[dd], self.ca[:-1] @ b])  # impulse response h[0 .. n-1]
        k = np.arange(n)
        self.toeplitz = np.where(k[None, :] >= k[:, None], h[(k[None, :] - k[:, None]) % n], 0.0)  # (n, n): X @ T
        self.to_state = self.ab[::-1].copy()  # (n, d): a block's input -> the state at its end
        self.from_state = self.ca.T.copy()  # (d, n): the state at a block's start -> its output
        self.levels: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        self.state = np.zeros(d)

    def _level(self, level: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(F^M, W, P) for F = A^(BLOCK·GROUP^level): W (M·d, M·d) maps a group's inputs c to its zero-state
        states after 1 .. M steps, P (d, M·d) maps the group's start state to its states after 1 .. M steps."""
        while len(self.levels) <= level:
            f = self.a_pow[-1] if not self.levels else self.levels[-1][0]
            m, d = self.GROUP, len(f)
            pw = np.array([np.linalg.matrix_power(f, k) for k in range(m + 1)])  # F^0 .. F^M
            w = np.zeros((m, d, m, d))
            for j in range(m):
                w[j, :, j:, :] = pw[: m - j].transpose(2, 0, 1)  # w[j, k, m', i] = F^(m'-j)[i, k]
            self.levels.append((pw[m], w.reshape(m * d, m * d), pw[1:].transpose(2, 0, 1).reshape(d, m * d)))
        return self.levels[level]

    def _states(self, c: np.ndarray, s0: np.ndarray, level: int = 0) -> np.ndarray:
        """States s[0 .. K] of s[k+1] = F s[k] + c[k] (c: (K, d)), F being this level's matrix."""
        k, m, d = len(c), self.GROUP, len(s0)
        if k == 0:
            return s0[None]
        _, w, p = self._level(level)
        groups = -(-k // m)
        if groups * m != k:
            c = np.concatenate([c, np.zeros((groups * m - k, d))])
        local = _matmul(c.reshape(groups, m * d), w)  # zero-state states after 1 .. M steps of each group
        local += _matmul(self._states(local[:-1, -d:], s0, level + 1), p)  # plus the response to the group's start
        return np.concatenate([s0[None], local.reshape(-1, d)[:k]])

    def filt(self, x: np.ndarray) -> np.ndarray:
        """Filter the next piece of the stream (any length); float64, same length."""
        x = np.ascontiguousarray(x)
        if x.ndim != 1:
            raise ValueError("need a 1-D signal")
        n, blk = len(x), self.BLOCK
        full = n - n % blk
        xb = x[:full].reshape(-1, blk)
        states = self._states(_matmul(xb, self.to_state), self.state)
        y = np.empty(n)
        yb = y[:full].reshape(-1, blk)
        rows = _SMALL // (blk * blk)
        for i in range(0, len(xb), rows):
            np.matmul(xb[i : i + rows], self.toeplitz, out=yb[i : i + rows])
            yb[i : i + rows] += states[i : min(i + rows, len(xb))] @ self.from_state
        s = states[-1]
        if full < n:  # the last, partial block
            r = n - full
            xr = x[full:].astype(np.float64)
            y[full:] = xr @ self.toeplitz[:r, :r] + s @ self.from_state[:, :r]
            s = self.a_pow[r] @ s + xr @ self.ab[r - 1 :: -1]
        self.state = s
        return y


# ITU-R BS.1770-4 Annex 2: the 48-tap 4x interpolation FIR as 4 phases of 12 taps. sum_t TP_PHASES[p, t] x[k - t]
# is the signal at time k - 6 + (2p + 1) / 8 (the FIR's delay is 23.5 / 4 samples).
TP_PHASES = np.array([
    [0.0017089843750, 0.0109863281250, -0.0196533203125, 0.0332031250000, -0.0594482421875, 0.1373291015625,
     0.9721679687500, -0.1022949218750, 0.0476074218750, -0.0266113281250, 0.0148925781250, -0.0083007812500],
    [-0.0291748046875, 0.0292968750000, -0.0517578125000, 0.0891113281250, -0.1665039062500, 0.4650878906250,
     0.7797851562500, -0.2003173828125, 0.1015625000000, -0.0582275390625, 0.0330810546875, -0.0189208984375],
    [-0.0189208984375, 0.0330810546875, -0.0582275390625, 0.1015625000000, -0.2003173828125, 0.7797851562500,
     0.4650878906250, -0.1665039062500, 0.0891113281250, -0.0517578125000, 0.0292968750000, -0.0291748046875],
    [-0.0083007812500, 0.0148925781250, -0.0266113281250, 0.0476074218750, -0.1022949218750, 0.9721679687500,
     0.1373291015625, -0.0594482421875, 0.0332031250000, -0.0196533203125, 0.0109863281250, 0.0017089843750],
])
TP_GAIN_BOUND: float = float(np.abs(TP_PHASES).sum(axis=1).max())
"""Largest L1 norm of the phases: no interpolated value exceeds this times the window's sample peak."""


def _tp_matrix(rows: int) -> np.ndarray:
    """(5 rows, rows + 12) float32: a window x[i - 6 .. i + rows + 5] -> x at i + j + (-3/8, -1/8, 0, 1/8, 3/8)[v],
    row v·rows + j."""
    m = np.zeros((rows + 12, 5, rows), np.float32)
    j, t = np.arange(rows), np.arange(12)
    for col, (phase, shift) in enumerate([(2, 11), (3, 11), (None, 0), (0, 12), (1, 12)]):
        if phase is None:
            m[j + 6, col, j] = 1.0
        else:  # x[n + shift - 6 - t] sits at window row j + shift - t
            m[j[:, None] + shift - t, col, j[:, None]] = TP_PHASES[phase]
    return np.ascontiguousarray(m.reshape(rows + 12, 5 * rows).T)


_TP_ROWS = 8
_TP = _tp_matrix(_TP_ROWS)


def true_peak_4x(x: np.ndarray, before: np.ndarray | None = None, after: np.ndarray | None = None) -> np.ndarray:
    """Per-sample true peak (BS.1770-4 Annex 2, 4x oversampling) of ``x``: float32, one value per sample.

    Value n is max(|x[n]|, |interpolated x at n - 3/8, n - 1/8, n + 1/8, n + 3/8|): each of the four interpolated
    values between two samples goes to the nearer one (x[n] itself is never interpolated by this FIR, only values
    between samples). The FIR reads 6 samples either side: ``before`` (the samples preceding x, e.g. the previous
    piece) and ``after`` (those following it) default to silence.
    """
    x = np.asarray(x, np.float32)
    if x.ndim != 1:
        raise ValueError("need a 1-D signal")
    n, rows = len(x), _TP_ROWS
    if n == 0:
        return np.zeros(0, np.float32)
    head, tail = np.zeros(6, np.float32), np.zeros(6, np.float32)
    if before is not None:
        b = np.asarray(before, np.float32).reshape(-1)[-6:]
        head[6 - len(b) :] = b
    if after is not None:
        a = np.asarray(after, np.float32).reshape(-1)[:6]
        tail[: len(a)] = a
    blocks = -(-n // rows)
    xp = np.concatenate([head, x, tail, np.zeros(blocks * rows - n, np.float32)])
    windows = sliding_window_view(xp, rows + 12)[::rows]
    out = np.empty((blocks, rows), np.float32)
    step = _SMALL // _TP.size  # windows per product (see _matmul)
    buf, prod, peak = (np.empty(step * size, np.float32) for size in (rows + 12, 5 * rows, rows))
    for start in range(0, blocks, step):
        k = min(step, blocks - start)
        w = buf[: k * (rows + 12)].reshape(k, rows + 12)
        np.copyto(w, windows[start : start + k])
        y = np.matmul(_TP, w.T, out=prod[: k * 5 * rows].reshape(5 * rows, k))  # rows (value, sample), column window
        np.abs(y, out=y)
        p = np.max(y.reshape(5, rows, k), axis=0, out=peak[: k * rows].reshape(rows, k))
        out[start : start + k] = p.T
    return out.reshape(-1)[:n]


def _tp_window_matrix() -> np.ndarray:
    """(13, 4): a window x[n - 6 .. n + 6] -> x at n + 1/8, n + 3/8 (phases 0, 1) and n - 3/8, n - 1/8 (2, 3)."""
    m = np.zeros((13, 4))
    t = np.arange(12)
    m[12 - t, 0], m[12 - t, 1] = TP_PHASES[0], TP_PHASES[1]
    m[11 - t, 2], m[11 - t, 3] = TP_PHASES[2], TP_PHASES[3]
    return m.astype(np.float32)


_TP_WINDOW = _tp_window_matrix()


def true_peak_above(x: np.ndarray, floor: float) -> np.ndarray:
    """``true_peak_4x(x)`` where it can reach ``floor * TP_GAIN_BOUND``, ``|x|`` elsewhere: only the samples
    with a sample of magnitude ``floor`` or more within 6 of them are interpolated (their values read those
    13 samples), so speech at a level well under the ceiling costs a fraction of the full computation (when
    more than an eighth of the samples qualify, all are computed)."""
    x = np.asarray(x, np.float32)
    out = np.abs(x)
    hot = np.concatenate([np.zeros(7, np.int64), np.cumsum(out >= floor), np.full(6, 0, np.int64)])
    hot[-6:] = hot[-7]
    idx = np.flatnonzero(hot[13:] - hot[:-13] > 0)  # a hot sample in n - 6 .. n + 6
    if len(idx) == 0:
        return out
    if len(idx) > len(x) // 8:  # gathering windows costs more than filtering everything
        return true_peak_4x(x)
    xp = np.concatenate([np.zeros(6, np.float32), x, np.zeros(6, np.float32)])
    for start in range(0, len(idx), 1 << 14):
        part = idx[start:start + (1 << 14)]
        values = np.abs(xp[part[:, None] + np.arange(13)] @ _TP_WINDOW)
        out[part] = np.maximum(out[part], values.max(axis=1))
    return out


def _edge_padded(x: np.ndarray, left: int, length: int, dtype: np.dtype, offset: int = 0) -> np.ndarray:
    """``length + offset`` values of ``dtype``: ``offset`` unset, then x with its ends repeated (``left`` before)."""
    out = np.empty(offset + length, dtype)
    out[offset : offset + left] = x[0]
    out[offset + left : offset + left + len(x)] = x
    out[offset + left + len(x) :] = x[-1]
    return out


def _line(x: np.ndarray, size: int) -> np.ndarray:
    x = np.asarray(x)
    if x.ndim != 1 or size < 1:
        raise ValueError("need a 1-D signal and a size of at least 1")
    return x


def sliding_min(x: np.ndarray, size: int) -> np.ndarray:
    """``scipy.ndimage.minimum_filter1d(x, size, mode="nearest")``: the minimum of x[i - size//2 ..][:size], in O(n).

    van Herk / Gil-Werman: in blocks of ``size``, running minima forwards and backwards; each window spans the end
    of one block and the start of the next.
    """
    x, n = _line(x, size), len(x)
    if n == 0 or size == 1:
        return x.copy()
    blocks = -(-(n + size - 1) // size)
    xp = _edge_padded(x, size // 2, blocks * size, x.dtype).reshape(blocks, size)
    fwd = np.minimum.accumulate(xp, axis=1).reshape(-1)
    np.minimum.accumulate(xp[:, ::-1], axis=1, out=xp[:, ::-1])  # backwards, in place
    bwd = xp.reshape(-1)
    return np.minimum(bwd[:n], fwd[size - 1 : size - 1 + n], out=bwd[:n])


def box_mean(x: np.ndarray, size: int) -> np.ndarray:
    """``scipy.ndimage.uniform_filter1d(x, size, mode="nearest")``: the mean of x[i - size//2 ..][:size].

    From a float64 cumulative sum; float input keeps its dtype, integers give float64.
    """
    x, n = _line(x, size), len(x)
    dtype = x.dtype if np.issubdtype(x.dtype, np.floating) else np.dtype(np.float64)
    if n == 0:
        return np.zeros(0, dtype)
    c = _edge_padded(x, size // 2, n + size - 1, np.dtype(np.float64), offset=1)
    c[0] = 0.0
    np.cumsum(c[1:], out=c[1:])  # c[i] = sum of the first i padded values
    mean = c[size:] - c[:-size]
    mean /= size
    return mean.astype(dtype, copy=False)

#!/usr/bin/python3
"""Makes the reader fixtures with nibabel / h5py / by hand, and writes expected.json with the values
that these independent tools report. Run from this folder with Debian's /usr/bin/python3
(python3-nibabel 5.0, python3-h5py 3.7, numpy 1.24). The tests do not need Python: they read the
committed files and expected.json."""
import gzip, json, struct
import numpy as np
import nibabel as nib
import h5py

expected = {}

def summary(a):
    a = np.asarray(a, dtype=np.float64)
    return {"shape": list(a.shape), "min": float(a.min()), "max": float(a.max()), "sum": float(a.sum())}

# 1. gzip NIfTI-1, int16 stored, scl_slope 0.5 / scl_inter -3, sform (code 2) with rotation and offset,
#    and a different qform (code 1): readers must prefer the sform.
x, y, z = np.meshgrid(np.arange(5), np.arange(4), np.arange(3), indexing="ij")
stored = (x + 10 * y + 100 * z - 50).astype(np.int16)          # shape (5, 4, 3), x fastest on disk
th = np.deg2rad(30)
sform = np.array([[0.2 * np.cos(th), -0.3 * np.sin(th), 0, 10.5],
                  [0.2 * np.sin(th), 0.3 * np.cos(th), 0, -4.25],
                  [0, 0, 0.4, 7.0],
                  [0, 0, 0, 1]])
img = nib.Nifti1Image(stored, sform)
img.header.set_data_dtype(np.int16)
img.header.set_sform(sform, code=2)
img.header.set_qform(np.diag([0.2, 0.3, 0.4, 1.0]), code=1)
img.header["scl_slope"] = 0.5
img.header["scl_inter"] = -3.0
img.header.set_xyzt_units("mm")
nib.save(img, "sform_scaled.nii.gz")
back = nib.load("sform_scaled.nii.gz")
data = back.get_fdata()
expected["sform_scaled.nii.gz"] = dict(summary(data),
    affine=back.affine.tolist(),
    voxels={"4,3,2": float(data[4, 3, 2]), "1,2,0": float(data[1, 2, 0]), "0,0,0": float(data[0, 0, 0])},
    zooms=[float(v) for v in back.header.get_zooms()[:3]])

# 2. qform only (sform_code 0), a rotation with qfac = -1, float32, 2 channels (4D)
q = nib.Nifti1Image(np.arange(4 * 3 * 2 * 2, dtype=np.float32).reshape((4, 3, 2, 2), order="F") * 1.5, None)
rot = np.array([[0, -1, 0], [1, 0, 0], [0, 0, -1]], dtype=float) * np.array([0.5, 0.25, 2.0])
qaff = np.eye(4); qaff[:3, :3] = rot; qaff[:3, 3] = [1, 2, 3]
q.header.set_qform(qaff, code=1)
q.header.set_sform(None, code=0)
nib.save(q, "qform_only.nii")
qb = nib.load("qform_only.nii")
expected["qform_only.nii"] = dict(summary(qb.get_fdata()), affine=qb.affine.tolist(),
    qfac=float(qb.header["pixdim"][0]), sform_code=int(qb.header["sform_code"]), qform_code=int(qb.header["qform_code"]),
    voxels={"3,2,1,1": float(qb.get_fdata()[3, 2, 1, 1]), "1,0,0,0": float(qb.get_fdata()[1, 0, 0, 0])})

# 3. Analyze 7.5 pair, int16 big-endian (like older Analyze files written on big-endian machines)
a = (np.arange(6 * 5 * 4).reshape((6, 5, 4), order="F") * 3 - 100).astype(">i2")
aimg = nib.AnalyzeImage(a, np.diag([0.5, 0.25, 2.0, 1.0]), header=nib.AnalyzeHeader(endianness=">"))
aimg.header.set_data_dtype(">i2")
aimg.header.set_zooms((0.5, 0.25, 2.0))
aimg.to_filename("analyze_be_int16.hdr")
ab = nib.AnalyzeImage.load("analyze_be_int16.hdr")
hdrbytes = open("analyze_be_int16.hdr", "rb").read()
expected["analyze_be_int16.hdr"] = dict(summary(ab.get_fdata()),
    big_endian=struct.unpack(">i", hdrbytes[:4])[0] == 348,
    zooms=[float(v) for v in ab.header.get_zooms()],
    voxels={"5,4,3": float(ab.get_fdata()[5, 4, 3]), "1,0,0": float(ab.get_fdata()[1, 0, 0]), "0,1,0": float(ab.get_fdata()[0, 1, 0])})

# 4. MATLAB v7.3-like patch file: HDF5 with a 512-byte user block holding MATLAB's text header,
#    data 3x3xCxN and label 3x3xN in MATLAB (column-major) order, so HDF5 dims are reversed.
N, C = 5, 4
mat_data = np.zeros((3, 3, C, N), dtype=np.float32)   # MATLAB data(i, j, c, n), 0-based here
for i in range(3):
    for j in range(3):
        for c in range(C):
            for n in range(N):
                mat_data[i, j, c, n] = 1000 * n + 100 * c + 10 * i + j
mat_label = np.zeros((3, 3, N), dtype=np.float32)
for i in range(3):
    for j in range(3):
        for n in range(N):
            mat_label[i, j, n] = -(100 * n + 10 * i + j)
with h5py.File("patches_v73.mat", "w", userblock_size=512) as f:
    # column-major 3x3xCxN seen from C order is the transpose: shape (N, C, 3, 3), element [n, c, j, i]
    d = f.create_dataset("data", data=mat_data.T, chunks=(N, C, 3, 3), compression="gzip", compression_opts=3)
    d.attrs["MATLAB_class"] = np.bytes_("single")
    l = f.create_dataset("label", data=mat_label.T, compression="gzip")
    l.attrs["MATLAB_class"] = np.bytes_("single")
header = b"MATLAB 7.3 MAT-file, Platform: GLNXA64, Created on: Mon Jan  1 00:00:00 2024 HDF5 schema 1.00 ."
with open("patches_v73.mat", "r+b") as f:
    f.write(header.ljust(116, b" ") + b"\x00" * 8 + b"\x00\x02" + b"IM")
expected["patches_v73.mat"] = {"N": N, "C": C,
    "rule": "data(i,j,c,n) = 1000n + 100c + 10i + j; label(i,j,n) = -(100n + 10i + j); 0-based, i = MATLAB row",
    "hdf5_data_shape": list(mat_data.T.shape), "hdf5_label_shape": list(mat_label.T.shape)}

# 5. NRRD written by hand per the NRRD0004 spec: gzip, short, little-endian, LPS space with directions
#    and origin (world coordinates in RAS are (-x, -y, z) of LPS).
nr = (np.arange(4 * 3 * 2).reshape((4, 3, 2), order="F") * 7 - 20).astype("<i2")
head = ("NRRD0004\n# written by hand for the MRH tests\ntype: short\ndimension: 3\n"
        "space: left-posterior-superior\nsizes: 4 3 2\n"
        "space directions: (0.025,0,0) (0,0.05,0) (0,0,0.1)\nkinds: domain domain domain\n"
        "endian: little\nencoding: gzip\nspace origin: (1,2,3)\n\n")
with open("hand_gzip.nrrd", "wb") as f:
    f.write(head.encode("ascii"))
    f.write(gzip.compress(nr.tobytes(order="F"), mtime=0))
expected["hand_gzip.nrrd"] = dict(summary(nr), affine_ras=[[-0.025, 0, 0, -1], [0, -0.05, 0, -2], [0, 0, 0.1, 3], [0, 0, 0, 1]],
    voxels={"3,2,1": float(nr[3, 2, 1]), "1,0,0": float(nr[1, 0, 0])})

# 6. detached NRRD (.nhdr + .raw): float, big-endian, raw, 3-component vector axis first (channels
#    fastest on disk), spacings instead of directions, a byte skip of 16
vec = np.zeros((3, 4, 3, 2), dtype=">f4")  # (channel, x, y, z)
for c in range(3):
    vec[c] = (np.arange(24).reshape((4, 3, 2), order="F") + 0.5) * (c + 1)
nhdr = ("NRRD0005\ntype: float\ndimension: 4\nsizes: 3 4 3 2\nkinds: vector domain domain domain\n"
        "spacings: nan 0.5 0.5 1.5\nendian: big\nencoding: raw\nbyte skip: 16\ndata file: hand_vector.raw\n")
open("hand_vector.nhdr", "w").write(nhdr)
with open("hand_vector.raw", "wb") as f:
    f.write(b"\xAB" * 16)
    f.write(vec.tobytes(order="F"))
expected["hand_vector.nhdr"] = dict(summary(vec), channels=3,
    voxels={"c2,3,2,1": float(vec[2, 3, 2, 1]), "c0,1,0,0": float(vec[0, 1, 0, 0])})

json.dump(expected, open("expected.json", "w"), indent=1)
print(json.dumps(expected, indent=1))

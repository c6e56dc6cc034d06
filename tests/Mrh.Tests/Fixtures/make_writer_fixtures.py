#!/usr/bin/python3
"""Makes the writer fixtures: the files nibabel writes for the volumes that WriterBytesTests writes with our
writer, so that our NIfTI-1 / Analyze 7.5 writer is checked against another tool's bytes, not only against our own
reader. Run from this folder with Debian's /usr/bin/python3 (python3-nibabel 5.0, numpy 1.24). The tests do not
need Python: they compare with the committed files.

The volume: 4 x 3 x 2 float32, value(x, y, z) = 0.5 * (x + 4y + 12z) - 1 (x fastest on disk), voxel size
0.5 x 0.25 x 2 mm, affine diag(0.5, 0.25, 2) with offset (-1, 2, 3). nibabel is told the choices our writer makes
(sform and qform code 1, units mm, description "MRH Notebooks"); everything else is nibabel's own."""
import numpy as np
import nibabel as nib

x, y, z = np.meshgrid(np.arange(4), np.arange(3), np.arange(2), indexing="ij")
data = (0.5 * (x + 4 * y + 12 * z) - 1).astype(np.float32)
affine = np.array([[0.5, 0, 0, -1], [0, 0.25, 0, 2], [0, 0, 2, 3], [0, 0, 0, 1]], dtype=np.float64)

img = nib.Nifti1Image(data, affine)
h = img.header
h.set_data_dtype(np.float32)
h.set_sform(affine, code=1)
h.set_qform(affine, code=1)
h.set_xyzt_units("mm")
h["descrip"] = b"MRH Notebooks"
h["regular"] = b"r"
h["scl_slope"] = np.nan   # nibabel's "no scaling" on disk; see WriterBytesTests for how ours differs
h["scl_inter"] = np.nan
nib.save(img, "writer_nibabel_float32.nii")

a = nib.AnalyzeImage(data, affine)
a.header.set_data_dtype(np.float32)
a.header["descrip"] = b"MRH Notebooks"
a.header["regular"] = b"r"
a.header["extents"] = 16384
nib.save(a, "writer_nibabel_analyze.hdr")

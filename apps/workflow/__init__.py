"""Editorial workflow: 撰稿 → 审核 → 签发, pending revisions of live pages, edit conflicts, compliance checks."""

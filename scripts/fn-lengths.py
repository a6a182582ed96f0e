#!/usr/bin/env python3
# The longest functions of src/ (outside `#[cfg(test)]` parts), in lines:
# a function past ~150 lines is doing several things and wants names for
# them.
#
#   scripts/fn-lengths.py [DIR] [N]     # default: src, the 15 longest
import sys,re,os
out=[]
for root,_,files in os.walk(sys.argv[1] if len(sys.argv)>1 else 'src'):
    for fn in files:
        if not fn.endswith('.rs'): continue
        p=os.path.join(root,fn); L=open(p).read().split('\n')
        in_test=False
        i=0
        while i<len(L):
            l=L[i]
            if l.startswith('#[cfg(test)]'): break
            m=re.match(r'^(\s*)(pub(\([a-z]+\))?\s+)?(async\s+)?fn\s+(\w+)',l)
            if m:
                ind=m.group(1)
                j=i
                # find the closing brace at same indent
                while j<len(L) and not (L[j].startswith(ind+'}') and len(L[j].rstrip())==len(ind)+1):
                    if L[j].rstrip().endswith(';') and j==i: break
                    j+=1
                out.append((j-i+1,p,i+1,m.group(5)))
            i+=1
out.sort(reverse=True)
n=int(sys.argv[2]) if len(sys.argv)>2 else 15
for x in out[:n]: print('%4d %s:%d %s'%x)
